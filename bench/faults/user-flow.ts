/**
 * What a user does after a failed `pulumi up`: read the error, follow its advice (adopt the id it
 * names), and run again. Returns what they saw, shortened for the table.
 */
import type { FaultLab } from "./lab";
import { okAfter, shorten } from "./scenario";

/** The result of acting once and, after a failure, once more. */
export interface Flow {
  saw: string;
  firstOk: boolean;
  finalOk: boolean;
  firstMessage?: string;
  finalMessage?: string;
}

/** The id an error tells the user to adopt (`adoptId: "<id>"`), if any. */
export function adoptIdIn(message: string | undefined): string | undefined {
  return /adoptId: "([0-9a-f-]{36})"/i.exec(message ?? "")?.[1];
}

/**
 * Clears the request log, runs `act`; on failure shows the error and runs `rerun` (given the
 * first error message; `act` again by default). "ok after N retries" counts the failed answers.
 */
export async function actThenRerun(
  lab: FaultLab,
  act: () => Promise<unknown>,
  rerun: (firstMessage: string) => Promise<unknown> = () => act(),
): Promise<Flow> {
  lab.admin.clearLog();
  const first = await lab.attempt(act);
  if (first.ok) return { saw: okAfter(lab.failedAnswers()), firstOk: true, finalOk: true };
  lab.admin.clearFaults();
  const second = await lab.attempt(() => rerun(first.message));
  const advice = adoptIdIn(first.message) ? "adopt it" : "run again";
  return {
    saw: `error: ${shorten(first.message, 90)} → ${advice}: ${second.ok ? "ok" : `error: ${shorten(second.message, 70)}`}`,
    firstOk: false,
    finalOk: second.ok,
    firstMessage: first.message,
    finalMessage: second.ok ? undefined : second.message,
  };
}
