/**
 * `npm run bench`: the performance figures of issue 6, in one run, against the emulator (in a
 * process of its own) through Pulumi's real dynamic-provider host:
 * - HTTP requests per operation of each resource kind, next to the minimum possible;
 * - deploy / refresh / destroy of N apps plus N installs (N = 50, 200) with latency injected,
 *   wall time against `ceil(requests / concurrency) x latency`;
 * - the same under Snyk's rate limit scaled to a short window, against the limit's own floor;
 * - bytes of serialized provider and of state per resource, host start-up and peak memory.
 * Prints tables, writes bench/results.json and bench/RESULTS.md.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { countOperations } from "./support/per-operation";
import { measureFootprint } from "./support/footprint-scenario";
import { SERIALIZED_PROVIDER_TARGET_BYTES } from "./support/footprint";
import { BENCH_DIR } from "./support/paths";
import { KindName, providerTexts } from "./support/provider-texts";
import { runRateLimited, scaledLimit } from "./support/rate-limit-scenario";
import { runScale, ScaleResult } from "./support/scale-scenario";
import { BenchResults, DEFINITIONS } from "./support/results";
import { markdownReport, textReport } from "./support/report";
import { targetsOf } from "./support/targets";
import type { TimedPhase } from "./support/timed-phase";

/** The bench's settings: the figures in the README come from these. */
export const BENCH_SETTINGS = {
  /** `snyk:maxConcurrency` of every deployment. */
  concurrency: 8,
  latencyMs: 100,
  scaleSizes: [50, 200],
  /** Ratio targets of the latency scenarios. */
  scaleTargets: { deploy: 1.25, refresh: 1.25 },
  /** Snyk's 1620 a minute scaled to this window. */
  rateWindowMs: 2_000,
  /** Apps, and installs, deployed under the rate limit (several windows' worth of requests). */
  rateLimitedN: 100,
  rateTarget: 1.15,
};

const COMMAND = "npm run bench";
// Any UUIDs: the program run that yields the serialized providers talks to no API.
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const s = BENCH_SETTINGS;
  const rate = scaledLimit(s.rateWindowMs);
  log(`${COMMAND}: concurrency (snyk:maxConcurrency) ${s.concurrency}, latency ${s.latencyMs} ms, N = ${s.scaleSizes.join(", ")}; ` +
    `rate limit ${rate.limit} per ${rate.windowMs} ms (Snyk's 1620/min) with N = ${s.rateLimitedN}`);
  const loadAverage = os.loadavg()[0];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-bench-"));
  const started = performance.now();
  try {
    const texts = await providerTexts(PLACEHOLDER_ID, PLACEHOLDER_ID);
    log("counting requests per operation ...");
    const operations = await countOperations();
    log("measuring serialized provider and state per resource ...");
    const { footprint, hostStartToFirstCheckMs } = await measureFootprint(texts.SnykApp, workDir);
    const timed: TimedPhase[] = [];
    let largest: (ScaleResult & { n: number }) | undefined;
    for (const n of s.scaleSizes) {
      log(`N=${n}: deploy, refresh, destroy with ${s.latencyMs} ms latency ...`);
      const scale = await runScale({ n, latencyMs: s.latencyMs, concurrency: s.concurrency, targets: s.scaleTargets, appProvider: texts.SnykApp, workDir, log });
      timed.push(...scale.phases);
      largest = { ...scale, n };
    }
    log(`rate limit ${rate.limit}/${rate.windowMs} ms: deploy, refresh, destroy ...`);
    timed.push(...(await runRateLimited({
      n: s.rateLimitedN, windowMs: s.rateWindowMs, latencyMs: s.latencyMs, concurrency: s.concurrency, target: s.rateTarget,
      appProvider: texts.SnykApp, workDir, log,
    })));

    const hostStarts = [hostStartToFirstCheckMs, ...timed.map((t) => t.hostStartToFirstCheckMs)].sort((a, b) => a - b);
    const peak = timed.filter((t) => t.hostPeakRssBytes !== undefined).sort((a, b) => b.hostPeakRssBytes! - a.hostPeakRssBytes!)[0];
    const serializedProviderBytes = Object.fromEntries(
      (Object.keys(texts) as KindName[]).map((kind) => [kind, Buffer.byteLength(texts[kind])]),
    ) as Record<KindName, number>;
    const results: BenchResults = {
      date: new Date().toISOString(),
      command: COMMAND,
      machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}`, loadAverage },
      definitions: DEFINITIONS,
      operations,
      timed,
      footprint: {
        serializedProviderBytes,
        serializedProviderTargetBytes: SERIALIZED_PROVIDER_TARGET_BYTES,
        statePerResource: footprint,
        ...(largest?.state ? { scaleState: { ...largest.state, scenario: `N=${largest.n}` } } : {}),
        hostStartToFirstCheckMs: { median: hostStarts[Math.floor(hostStarts.length / 2)], max: hostStarts[hostStarts.length - 1], samples: hostStarts.length },
        ...(peak ? { hostPeakRss: { bytes: peak.hostPeakRssBytes!, scenario: peak.scenario, phase: peak.phase } } : {}),
      },
      targets: [],
    };
    results.targets = targetsOf(results);
    log("");
    log(textReport(results));
    log(`(bench took ${Math.round((performance.now() - started) / 1000)} s)`);
    fs.writeFileSync(path.join(BENCH_DIR, "results.json"), JSON.stringify(results, null, 2) + "\n");
    fs.writeFileSync(path.join(BENCH_DIR, "RESULTS.md"), markdownReport(results));
    log(`wrote bench/results.json and bench/RESULTS.md`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
