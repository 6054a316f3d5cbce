/**
 * `npm run bench` (and `npm run bench:large`): the stack's cost against the physical minimum,
 * against the emulator (in a process of its own) through Pulumi's real dynamic-provider host:
 * - deploy / refresh / destroy of a stack of N SnykApps, each with a SnykAppSecret, plus N installs
 *   in an org and N in a group, with latency injected: requests sent against the minimum, and
 *   wall time against `ceil(minimum / concurrency) x latency` (N = 50 and 200; 1000 with `--large`);
 * - the same under Snyk's 1620 requests a minute scaled to a short window, against that limit's floor;
 * - the program side: registering SnykApps beside bare dynamic resources;
 * - bytes of serialized provider and of state per resource, host start-up and peak memory.
 * Prints every figure against its target. Writes bench/results.json and bench/RESULTS.md
 * (`-large` for `--large`) only when given `--write`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_MAX_CONCURRENCY } from "../provider/client";
import { measureFootprint } from "./support/footprint-scenario";
import { SERIALIZED_PROVIDER_TARGET_BYTES } from "./support/footprint";
import { BENCH_DIR } from "./support/paths";
import { KindName, providerTexts } from "./support/provider-texts";
import { scaledLimit } from "./support/rate-limit";
import { runStackScenario } from "./support/stack-scenario";
import { measureRegistration } from "./support/registration-scenario";
import { BenchResults, DEFINITIONS } from "./support/results";
import { markdownReport, textReport } from "./support/report";
import { targetsOf } from "./support/targets";
import type { PhaseTargets, TimedPhase } from "./support/timed-phase";
import type { StateFootprint } from "./support/footprint";

/** The bench's settings: the figures in the README come from these. */
export const BENCH_SETTINGS = {
  latencyMs: 100,
  /** Stack sizes of `npm run bench`, and of `npm run bench:large`. */
  sizes: [50, 200],
  largeSizes: [1000],
  /** Sizes the targets apply to (at N = 50 the fixed start-up cost dominates; shown, not judged). */
  judgedFrom: 200,
  targets: { requests: 1.05, wall: 1.3 } satisfies PhaseTargets,
  /** Snyk's 1620 a minute scaled to this window. */
  rateWindowMs: 2_000,
  /** The stack size deployed under the rate limit (several windows' worth of requests). */
  rateLimitedN: 100,
  rateTargets: { requests: 1.05, wall: 1.15 } satisfies PhaseTargets,
  /** Resources registered to time the program side, and its target against bare dynamic resources. */
  registrations: 200,
  registrationTarget: 1.5,
};

// Any UUIDs: the program run that yields the serialized providers talks to no API.
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

async function main(argv: string[]): Promise<void> {
  const large = argv.includes("--large");
  const write = argv.includes("--write");
  const command = `npm run ${large ? "bench:large" : "bench"}${write ? " -- --write" : ""}`;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const s = BENCH_SETTINGS;
  const sizes = large ? s.largeSizes : s.sizes;
  // The CLI runs 4 x cores resource steps at once by default; the client caps requests in flight.
  const parallel = 4 * os.cpus().length;
  const concurrency = Math.min(DEFAULT_MAX_CONCURRENCY, parallel);
  const rate = scaledLimit(s.rateWindowMs);
  log(`${command}: --parallel ${parallel}, client concurrency ${DEFAULT_MAX_CONCURRENCY}, latency ${s.latencyMs} ms, N = ${sizes.join(", ")}` +
    (large ? "" : `; rate limit ${rate.limit} per ${rate.windowMs} ms (Snyk's 1620/min) with N = ${s.rateLimitedN}`));
  const loadAverage = os.loadavg()[0];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-bench-"));
  const started = performance.now();
  try {
    const texts = await providerTexts(PLACEHOLDER_ID, PLACEHOLDER_ID);
    log("measuring serialized provider and state per resource ...");
    const { footprint, hostStartToFirstCheckMs } = await measureFootprint(texts.SnykApp, workDir);
    log(`timing the program side (${s.registrations} SnykApps beside ${s.registrations} bare dynamic resources) ...`);
    const registration = { ...(await measureRegistration(s.registrations, PLACEHOLDER_ID)), target: s.registrationTarget };
    const timed: TimedPhase[] = [];
    let largest: { n: number; state: StateFootprint } | undefined;
    for (const n of sizes) {
      log(`N=${n}: deploy, refresh, destroy of ${4 * n} resources with ${s.latencyMs} ms latency ...`);
      const scale = await runStackScenario({
        n, latencyMs: s.latencyMs, parallel, concurrency, targets: n >= s.judgedFrom ? s.targets : undefined,
        appProvider: texts.SnykApp, workDir, log,
      });
      timed.push(...scale.phases);
      if (scale.state) largest = { n, state: scale.state };
    }
    if (!large) {
      log(`rate limit ${rate.limit}/${rate.windowMs} ms: deploy, refresh, destroy of ${4 * s.rateLimitedN} resources ...`);
      const rated = await runStackScenario({
        n: s.rateLimitedN, latencyMs: s.latencyMs, parallel, concurrency, rateLimit: rate, targets: s.rateTargets,
        appProvider: texts.SnykApp, workDir, log,
      });
      timed.push(...rated.phases);
    }

    const hostStarts = [hostStartToFirstCheckMs, ...timed.map((t) => t.hostStartToFirstCheckMs)].sort((a, b) => a - b);
    const peak = timed.filter((t) => t.hostPeakRssBytes !== undefined).sort((a, b) => b.hostPeakRssBytes! - a.hostPeakRssBytes!)[0];
    const serializedProviderBytes = Object.fromEntries(
      (Object.keys(texts) as KindName[]).map((kind) => [kind, Buffer.byteLength(texts[kind])]),
    ) as Record<KindName, number>;
    const results: BenchResults = {
      date: new Date().toISOString(),
      command,
      machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}`, loadAverage },
      settings: { parallel, clientConcurrency: DEFAULT_MAX_CONCURRENCY, latencyMs: s.latencyMs },
      definitions: DEFINITIONS,
      timed,
      registration,
      footprint: {
        serializedProviderBytes,
        serializedProviderTargetBytes: SERIALIZED_PROVIDER_TARGET_BYTES,
        statePerResource: footprint,
        ...(largest ? { scaleState: { ...largest.state, scenario: `N=${largest.n}` } } : {}),
        hostStartToFirstCheckMs: { median: hostStarts[Math.floor(hostStarts.length / 2)], max: hostStarts[hostStarts.length - 1], samples: hostStarts.length },
        ...(peak ? { hostPeakRss: { bytes: peak.hostPeakRssBytes!, scenario: peak.scenario, phase: peak.phase } } : {}),
      },
      targets: [],
    };
    results.targets = targetsOf(results);
    log("");
    log(textReport(results));
    log(`(bench took ${Math.round((performance.now() - started) / 1000)} s)`);
    if (write) {
      const suffix = large ? "-large" : "";
      fs.writeFileSync(path.join(BENCH_DIR, `results${suffix}.json`), JSON.stringify(results, null, 2) + "\n");
      fs.writeFileSync(path.join(BENCH_DIR, `RESULTS${suffix}.md`), markdownReport(results));
      log(`wrote bench/results${suffix}.json and bench/RESULTS${suffix}.md`);
    } else {
      log("(nothing written; add -- --write to update bench/RESULTS.md and bench/results.json)");
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
