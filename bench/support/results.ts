/** The bench's results: the JSON written to bench/results.json, and its tables. */
import { CONCURRENCY_FLOOR_DEFINITION, RATE_FLOOR_DEFINITION } from "./floors";
import type { StateFootprint } from "./footprint";
import { CHAIN_DEFINITION, MINIMUM_DEFINITION } from "./minimum";
import type { KindName } from "./provider-texts";
import type { RegistrationCost } from "./registration-scenario";
import type { Table } from "./text-table";
import type { TimedPhase } from "./timed-phase";

/** Everything one run measured. */
export interface BenchResults {
  date: string;
  command: string;
  /** `loadAverage`: the 1-minute load average when the bench started (other work on the machine skews the ratios). */
  machine: { cpus: number; node: string; platform: string; loadAverage: number };
  /** The engine's parallelism and the client's request cap the phases ran with. */
  settings: { parallel: number; clientConcurrency: number; latencyMs: number };
  definitions: { minimum: string; chain?: string; concurrencyFloor: string; engineFloor?: string; rateLimitFloor: string; wallTime: string };
  timed: TimedPhase[];
  /** The program side: registering SnykApps beside bare dynamic resources, and the target. */
  registration: RegistrationCost & { target: number };
  footprint: {
    /** Bytes of each kind's `__provider` text, and the target. */
    serializedProviderBytes: Partial<Record<KindName, number>>;
    serializedProviderTargetBytes: number;
    /** One of each kind deployed: bytes of each resource's record in the state file. */
    statePerResource: StateFootprint;
    /** The largest scale deploy's state file. */
    scaleState?: StateFootprint & { scenario: string };
    /** Every host's time from spawn to its first answered Check. */
    hostStartToFirstCheckMs: { median: number; max: number; samples: number };
    /** The largest peak resident memory of any provider host, and in which phase. */
    hostPeakRss?: { bytes: number; scenario: string; phase: string };
  };
  /** Every target and whether it was met. */
  targets: { name: string; value: string; target: string; verdict: "PASS" | "FAIL" }[];
}

/** The text printed with the figures. */
export const ENGINE_FLOOR_DEFINITION =
  "engine floor = the same phase on a do-nothing dynamic provider whose serialized text is as long as the SDK's, through the same " +
  "harness and a fresh provider host: the deploy of the same shape (4N resources, the secrets depending on their apps), the refresh " +
  "and destroy of a copy of the deployed state (the very records, on that provider; its read answers inputs too, as the SDK's do): " +
  "what Pulumi's own steps cost (the program, every Check and Diff one at a time, each Create/Read/Delete call, state writes) " +
  "with no request at all, plus one latency (that provider answers its first step at once; a real step waits for one round trip " +
  "to Snyk at least, and every step of these phases waits for an answer); engine lead = when that run started its first step: no request can go before it, so the request " +
  "floor counts from it; floor = max(request floor, engine floor); the refresh, which changes nothing, runs 5 times on each " +
  "provider, each real refresh beside its do-nothing twin, and the median of each is shown";

/** What a wall time covers. */
export const WALL_TIME_DEFINITION =
  "wall = the harness's up / refresh / destroy call, from the program's start to its result (program run under mocks, " +
  "every Check, Create/Read/Delete through the provider host, state writes); the host is started before the clock; " +
  "1st request = when the first request reached the emulator (before it: the program registering its resources and their Checks)";

/** The definitions printed with the figures. */
export const DEFINITIONS = {
  minimum: MINIMUM_DEFINITION,
  chain: CHAIN_DEFINITION,
  concurrencyFloor: `request ${CONCURRENCY_FLOOR_DEFINITION.replace("requests", "minimum").replace("floor = ", "floor = engine lead + ")}`,
  engineFloor: ENGINE_FLOOR_DEFINITION,
  rateLimitFloor: `${RATE_FLOOR_DEFINITION} (with requests = the minimum); where the scenario sets no limit, the client's default ` +
    "(Snyk's 1620 a minute) still applies, and bounds every phase of more than 1620 requests (N = 1000)",
  wallTime: WALL_TIME_DEFINITION,
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${Math.round(value)}`;

/** Timed phases: requests against the minimum, wall against the floor. */
export function timedTable(rows: TimedPhase[]): Table {
  return {
    header: ["scenario", "phase", "resources", "requests", "minimum", "ratio", "target", "failures", "429 seen", "1st request ms", "wall ms", "request floor ms", "engine floor ms", "floor ms", "ratio", "target", ""],
    rows: rows.map((r) => [
      r.scenario,
      r.phase,
      String(r.resources),
      String(r.requests),
      String(r.minimum),
      `${r.requestRatio.toFixed(2)}x`,
      r.targets ? `<= ${r.targets.requests}x` : "",
      r.rateLimitedToUser > 0 ? `${r.failures} (${r.rateLimitedToUser} 429)` : String(r.failures),
      String(r.rateLimitedSeen),
      r.firstRequestMs === undefined ? "" : ms(r.firstRequestMs),
      ms(r.wallMs),
      ms(r.requestFloorMs ?? r.floorMs),
      r.engineFloorMs === undefined ? "" : ms(r.engineFloorMs),
      ms(r.floorMs),
      `${r.ratio.toFixed(2)}x`,
      r.targets ? `<= ${r.targets.wall}x` : "",
      r.verdict ?? "",
    ]),
  };
}

/** The program side's line. */
export function registrationLine(results: BenchResults): string {
  const r = results.registration;
  return (
    `program side, ${r.count} resources registered under setMocks: SnykApp ${r.snykAppMsPerResource.toFixed(2)} ms each, ` +
    `a bare pulumi.dynamic.Resource of the same shape (inputs, declared outputs, secret output) on a do-nothing provider ${r.bareMsPerResource.toFixed(2)} ms each (${r.ratio.toFixed(2)}x; target <= ${r.target}x)`
  );
}

/** Bytes per kind and the host's figures. */
export function footprintTable(results: BenchResults): Table {
  const f = results.footprint;
  const kinds = Object.keys(f.serializedProviderBytes) as KindName[];
  const rows = kinds.map((kind) => {
    const provider = f.serializedProviderBytes[kind] ?? 0;
    const state = f.statePerResource.byKind[kind]?.bytesPerResource;
    return [kind, kb(provider), provider < f.serializedProviderTargetBytes ? "PASS" : "FAIL", state === undefined ? "" : kb(state)];
  });
  return { header: ["resource", "serialized provider", `< ${kb(f.serializedProviderTargetBytes)}`, "state per resource"], rows };
}

/** The host's start-up and memory, as lines. */
export function hostLines(results: BenchResults): string[] {
  const f = results.footprint;
  const lines = [
    `provider host start to first answered Check: median ${ms(f.hostStartToFirstCheckMs.median)} ms, max ${ms(f.hostStartToFirstCheckMs.max)} ms (${f.hostStartToFirstCheckMs.samples} starts)`,
  ];
  if (f.hostPeakRss) lines.push(`provider host peak memory (VmHWM): ${mb(f.hostPeakRss.bytes)} (${f.hostPeakRss.scenario} ${f.hostPeakRss.phase})`);
  if (f.scaleState) {
    lines.push(`state file after ${f.scaleState.scenario} deploy: ${mb(f.scaleState.fileBytes)} for ${f.scaleState.resources} resources (${kb(f.scaleState.bytesPerResource)} each)`);
  }
  return lines;
}

/** Every target with its verdict. */
export function targetsTable(results: BenchResults): Table {
  return { header: ["target", "measured", "goal", ""], rows: results.targets.map((t) => [t.name, t.value, t.target, t.verdict]) };
}
