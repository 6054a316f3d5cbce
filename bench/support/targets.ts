/** The issue's targets, each checked against a run's figures. */
import type { BenchResults } from "./results";
import type { KindName } from "./provider-texts";

type Target = BenchResults["targets"][number];

/** Every target of issue 6 with what this run measured. */
export function targetsOf(results: Omit<BenchResults, "targets">): Target[] {
  const targets: Target[] = [];
  const ops = results.operations;
  const atMinimum = ops.filter((o) => o.verdict === "PASS").length;
  const byDesign = ops.filter((o) => o.verdict === "BY DESIGN").length;
  targets.push({
    name: "requests per operation at the minimum",
    value: `${atMinimum} of ${ops.length}${byDesign ? ` (${byDesign} above it by design)` : ""}`,
    target: "all",
    verdict: atMinimum === ops.length ? "PASS" : atMinimum + byDesign === ops.length ? "BY DESIGN" : "FAIL",
  });
  for (const o of ops.filter((op) => op.verdict !== "PASS")) {
    targets.push({ name: `  ${o.resource} ${o.operation}`, value: `${o.requests} requests`, target: `${o.minimum}`, verdict: o.verdict });
  }
  for (const t of results.timed) {
    if (t.target === undefined) continue;
    if (t.rateLimit) {
      targets.push({
        name: `${t.scenario} ${t.phase}: failures, 429s reaching the user`,
        value: `${t.failures}, ${t.rateLimitedToUser}`,
        target: "0, 0",
        verdict: t.failures === 0 && t.rateLimitedToUser === 0 ? "PASS" : "FAIL",
      });
    }
    targets.push({
      name: `${t.scenario} ${t.phase}: wall / floor`,
      value: `${t.ratio.toFixed(2)}x`,
      target: `<= ${t.target}x`,
      verdict: t.ratio <= t.target && (t.rateLimit ? true : t.failures === 0) ? "PASS" : "FAIL",
    });
  }
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
