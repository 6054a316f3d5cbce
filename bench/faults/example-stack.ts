/**
 * The example stack (examples/program.ts) against the lab's emulator, run by the program
 * harness: its stack config (the values of Pulumi.emulator.yaml with the emulator's URL and
 * token), a harness factory, and its state as tracked resources.
 */
import { exampleConfig as sharedExampleConfig, PROJECT } from "../../examples/emulator-config";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snykAppsProgram } from "../../examples/program";
import { TYPES } from "../../harness/host-fixture";
import { ProgramHarness } from "../../harness/program-harness";
import { ProviderHost, startProviderHost } from "../../harness/provider-host";
import type { FaultLab, Kind } from "./lab";
import type { TrackedResource } from "./verdict";

/** The example's project name (its config namespace). */
export const EXAMPLE_PROJECT = PROJECT;
/** The repository root: the provider host resolves `pulumi-snyk-apps` from here. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
/** The machine's own Snyk settings must not reach the host. */
export const CLEAN_ENV: NodeJS.ProcessEnv = { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" };

/** The example program. */
export const exampleProgram = snykAppsProgram;

/** The example's rotation period in the lab (its default). */
const ROTATION_DAYS = 90;
/** A fixed moment standing in for "now" in window 0; each window after it is 90 days later. */
const ROTATION_EPOCH_MS = Date.UTC(2026, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Config placing the example's scheduled rotation in the `window`-th 90-day window after a fixed
 * date, never the real one: every run of the lab starts in window 0, and an up with a later
 * window rotates `ci-bot-secret`, whatever the date or the hour.
 */
export function rotationWindowConfig(window: number): Record<string, unknown> {
  return { rotationDays: ROTATION_DAYS, rotationAt: new Date(ROTATION_EPOCH_MS + window * ROTATION_DAYS * DAY_MS).toISOString() };
}

/**
 * Stack config for the example against the lab's emulator; `overrides` replace project keys.
 * The rotation window is fixed ({@link rotationWindowConfig} 0) unless `overrides` move it.
 */
export function exampleConfig(lab: FaultLab, overrides: Record<string, unknown> = {}): Record<string, string> {
  return { ...sharedExampleConfig(lab.emulator, { ...rotationWindowConfig(0), ...overrides }), "snyk:verifyTimeoutMs": "3000" };
}

/** A fresh directory for one state file. */
export function newStatePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "snyk-faults-")), "state.json");
}

/** A harness for the example's state; with `host` it uses that host instead of one per operation. */
export function exampleHarness(lab: FaultLab, statePath: string, options: { host?: ProviderHost; overrides?: Record<string, unknown> } = {}): ProgramHarness {
  return new ProgramHarness({
    statePath,
    project: EXAMPLE_PROJECT,
    stack: "dev",
    cwd: REPO_ROOT,
    config: exampleConfig(lab, options.overrides),
    secretConfigKeys: ["snyk:token"],
    env: CLEAN_ENV,
    host: options.host,
  });
}

/** A provider host configured for the example against the lab's emulator. */
export function exampleHost(lab: FaultLab): Promise<ProviderHost> {
  return startProviderHost({ cwd: REPO_ROOT, project: EXAMPLE_PROJECT, config: exampleConfig(lab), env: CLEAN_ENV });
}

const KIND_OF_TYPE = new Map<string, Kind>(Object.entries(TYPES).map(([kind, type]) => [type, kind as Kind]));

/** The resources of a harness's state, as the verdict tracks them. */
export function trackedByHarness(harness: ProgramHarness): TrackedResource[] {
  return harness
    .state()
    .resources.filter((r) => KIND_OF_TYPE.has(r.type))
    .map((r) => ({ kind: KIND_OF_TYPE.get(r.type)!, name: r.name, id: r.id, outputs: r.outputs }));
}
