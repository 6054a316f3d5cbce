/** The benchmark's targets, each checked against a run's figures. */
import type { BenchResults } from "./results";
import type { KindName } from "./provider-texts";

type Target = BenchResults["targets"][number];

/** Every target with what this run measured. */
export function targetsOf(results: Omit<BenchResults, "targets">): Target[] {
  const targets: Target[] = [];
  for (const t of results.timed) {
    if (!t.targets) continue;
    targets.push({
      name: `${t.scenario} ${t.phase}: requests / minimum`,
      value: `${t.requests} / ${t.minimum} = ${t.requestRatio.toFixed(2)}x`,
      target: `<= ${t.targets.requests}x`,
      verdict: t.requestRatio <= t.targets.requests ? "PASS" : "FAIL",
    });
    targets.push({
      name: `${t.scenario} ${t.phase}: failures${t.rateLimit ? ", 429s reaching the user" : ""}`,
      value: t.rateLimit ? `${t.failures}, ${t.rateLimitedToUser}` : String(t.failures),
      target: t.rateLimit ? "0, 0" : "0",
      verdict: t.failures === 0 && t.rateLimitedToUser === 0 ? "PASS" : "FAIL",
    });
    targets.push({
      name: `${t.scenario} ${t.phase}: wall / floor`,
      value: `${t.ratio.toFixed(2)}x`,
      target: `<= ${t.targets.wall}x`,
      verdict: t.ratio <= t.targets.wall ? "PASS" : "FAIL",
    });
  }
  const r = results.registration;
  targets.push({
    name: "program side: SnykApp / bare dynamic resource",
    value: `${r.ratio.toFixed(2)}x`,
    target: `<= ${r.target}x`,
    verdict: r.ratio <= r.target ? "PASS" : "FAIL",
  });
  const f = results.footprint;
  for (const [kind, bytes] of Object.entries(f.serializedProviderBytes) as [KindName, number][]) {
    targets.push({
      name: `serialized provider, ${kind}`,
      value: `${(bytes / 1024).toFixed(1)} KB`,
      target: `< ${f.serializedProviderTargetBytes / 1024} KB`,
      verdict: bytes < f.serializedProviderTargetBytes ? "PASS" : "FAIL",
    });
  }
  return targets;
}
