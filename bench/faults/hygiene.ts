/**
 * The secret-hygiene sweep: the example stack through up, rotate, refresh and destroy with a few
 * faults on a host of its own, then the token and every client secret the emulator ever minted
 * (in this sweep and in every scenario before it) searched for in the state file, every
 * `__provider` text, the provider hosts' logs, every error message, the emulator's request log
 * and this process's own stdout and stderr.
 */
import * as fs from "fs";
import type { PropertyMap, ProviderHost } from "../../harness/provider-host";
import type { FaultLab } from "./lab";
import type { OutputCapture } from "./output-capture";
import { exampleHarness, exampleHost, exampleProgram, newStatePath, rotationWindowConfig } from "./example-stack";

/** One place searched. */
export interface HygieneRow {
  place: string;
  bytes: number;
  hits: number;
}

/** The sweep's result. */
export interface HygieneResult {
  rows: HygieneRow[];
  /** How many distinct secrets (the token included) were searched for. */
  secrets: number;
  /** Steps of the sweep's program runs that did not end as planned. */
  problems: string[];
}

/** Occurrences of any of `secrets` in `text`. */
export function countHits(text: string, secrets: Iterable<string>): number {
  let hits = 0;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) hits++;
  }
  return hits;
}

/** Runs the sweep. `capture` holds this process's output so far. */
export async function runHygieneSweep(lab: FaultLab, capture: OutputCapture): Promise<HygieneResult> {
  lab.reset();
  const problems: string[] = [];
  const stateSnapshots: string[] = [];
  const providerTexts = new Set(Object.values(lab.fixture.providers));
  const errors: string[] = [];
  const statePath = newStatePath();
  // Each step is a `pulumi` command with a host of its own, as under the CLI (a host keeps what
  // its run listed: a fault armed on a listing after an earlier step would never be met).
  const hostLogs: string[] = [];
  const snapshot = () => {
    if (!fs.existsSync(statePath)) return;
    const text = fs.readFileSync(statePath, "utf8");
    stateSnapshots.push(text);
    const state = JSON.parse(text) as { resources?: { inputs?: PropertyMap }[] };
    for (const r of state.resources ?? []) if (typeof r.inputs?.__provider === "string") providerTexts.add(r.inputs.__provider);
  };
  type StepResult = { failures: { message: string }[]; outputs?: PropertyMap; secretOutputs?: string[] };
  const step = async (label: string, run: (host: ProviderHost) => Promise<StepResult>, expectFailure = false) => {
    const host = await exampleHost(lab);
    let result: StepResult;
    try {
      result = await run(host);
    } finally {
      hostLogs.push(...host.hostLog());
      await host.stop();
    }
    errors.push(...result.failures.map((f) => f.message));
    for (const key of result.secretOutputs ?? []) {
      const value = result.outputs?.[key];
      if (typeof value === "string" && value.length > 0) lab.secretsSeen.add(value);
    }
    lab.rememberSecrets();
    snapshot();
    for (const { fault, remaining } of lab.admin.pendingFaults()) {
      problems.push(`${label}: the fault on ${fault.method} ${String(fault.path)} was left unused ${remaining} time(s)`);
    }
    lab.admin.clearFaults();
    if (expectFailure !== result.failures.length > 0) {
      problems.push(`${label}: ${result.failures.length} failures${result.failures.map((f) => `; ${f.message}`).join("")}`);
    }
  };
  // The next rotation window (the lab's runs are in window 0): the up rotates ci-bot-secret.
  const rotated = { verifyCredentials: true, ...rotationWindowConfig(1) };
  const harness = (overrides: Record<string, unknown>, host?: ProviderHost) => exampleHarness(lab, statePath, { host, overrides });
  const orgId = lab.ids.orgId;
  lab.inject({ method: "POST", path: `/orgs/${orgId}/apps/creations`, status: 429, times: 2, headers: { "retry-after": "0" } });
  lab.inject({ method: "POST", path: `/orgs/${orgId}/apps/installs`, status: 503 });
  // With continueOnError every create is tried in this up, so both 429s are used whichever
  // step the engine starts first (otherwise the failed install could stop the app creates).
  await step("up with a 503 on the install", (host) => harness({ verifyCredentials: true }, host).up(exampleProgram, { continueOnError: true }), true);
  await step("up again", (host) => harness({ verifyCredentials: true }, host).up(exampleProgram));
  const ciBot = harness({}).state().resources.find((r) => r.name === "ci-bot")?.id ?? "";
  lab.inject({ method: "POST", path: `/orgs/${orgId}/apps/creations/${ciBot}/secrets`, reset: true });
  await step("rotate with a reset", (host) => harness(rotated, host).up(exampleProgram), true);
  await step("rotate again", (host) => harness(rotated, host).up(exampleProgram));
  // A refresh reads the org's apps from their listing (one walk per run).
  lab.inject({ method: "GET", path: `/orgs/${orgId}/apps/creations`, status: 502 });
  await step("refresh with a 502", (host) => harness(rotated, host).refresh());
  lab.inject({ method: "DELETE", path: `/orgs/${orgId}/apps/creations/${ciBot}`, reset: true });
  await step("destroy with a reset", (host) => harness(rotated, host).destroy());
  lab.errorsSeen.push(...errors);
  lab.rememberSecrets();

  const secrets = new Set([lab.emulator.token, ...lab.secretsSeen]);
  const places: [string, string][] = [
    ["state file (after every step)", stateSnapshots.join("\n")],
    ["__provider texts", [...providerTexts].join("\n")],
    ["provider host logs", [...hostLogs, ...lab.host.hostLog(), ...lab.otherHostLogs].join("\n")],
    ["error messages", lab.errorsSeen.join("\n")],
    ["emulator request log", JSON.stringify(lab.admin.requestLog)],
    ["this process's stdout/stderr", capture.text()],
  ];
  return {
    rows: places.map(([place, text]) => ({ place, bytes: Buffer.byteLength(text), hits: countHits(text, secrets) })),
    secrets: secrets.size,
    problems,
  };
}
