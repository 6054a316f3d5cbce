/**
 * A fault scenario as data plus a runner: what is injected, what the user does, and the row it
 * yields (injected | user saw | emulator holds after | PASS/FAIL).
 */
import type { FaultLab } from "./lab";

/** The kinds of fault; the short run covers each at least once. */
export type FaultKind = "429" | "5xx" | "reset" | "timeout" | "lost answer" | "host killed" | "out-of-band delete" | "revoked secret" | "hostile server" | "hostile input";

/** What a scenario reports after acting. */
export interface ScenarioOutcome {
  /** What the user saw, shortened: "ok after 2 retries", or the error and what followed. */
  userSaw: string;
  /** Broken rules; empty means PASS. */
  problems: string[];
}

/** One scenario. */
export interface Scenario {
  name: string;
  kind: FaultKind;
  /** Part of the short run (`npm test`). */
  short: boolean;
  /** What is injected, for the table. */
  injected: string;
  /** Sets up, injects, acts as the user would, and judges. Runs after the lab was reset. */
  run(lab: FaultLab): Promise<ScenarioOutcome>;
}

/** One row of the scenario table. */
export interface ScenarioRow {
  name: string;
  kind: FaultKind;
  injected: string;
  userSaw: string;
  holds: string;
  verdict: "PASS" | "FAIL";
  problems: string[];
  ms: number;
}

/**
 * Runs one scenario on a freshly reset lab, its setup a command of its own (a new provider host);
 * an unexpected throw is a FAIL with its message.
 */
export async function runScenario(lab: FaultLab, scenario: Scenario): Promise<ScenarioRow> {
  lab.reset();
  const started = Date.now();
  let outcome: ScenarioOutcome;
  try {
    await lab.newCommand();
    outcome = await scenario.run(lab);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    lab.errorsSeen.push(message);
    outcome = { userSaw: `scenario broke: ${shorten(message)}`, problems: [`scenario broke: ${message}`] };
  } finally {
    await lab.endCommand();
  }
  lab.admin.clearFaults();
  lab.admin.setRateLimit(null);
  return {
    name: scenario.name,
    kind: scenario.kind,
    injected: scenario.injected,
    userSaw: outcome.userSaw,
    holds: lab.holdings().text,
    verdict: outcome.problems.length === 0 ? "PASS" : "FAIL",
    problems: outcome.problems,
    ms: Date.now() - started,
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A message cut to `max` characters on one line, UUIDs cut to their first 8 digits. */
export function shorten(message: string, max = 110): string {
  const line = message.replace(/\s+/g, " ").replace(UUID, (id) => `${id.slice(0, 8)}…`).trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** "ok" or "ok after N retries". */
export function okAfter(retries: number): string {
  return retries === 0 ? "ok" : `ok after ${retries} ${retries === 1 ? "retry" : "retries"}`;
}
