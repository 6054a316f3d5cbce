/**
 * What a user does after a failed `pulumi up`: read the error, change the program as it advises
 * (adoptId with resetSecretOnAdopt, recoverWithReplace) on the resource it is about, and run
 * again; when a rerun fails with advice that is new, follow that too. Returns what they saw,
 * shortened for the table.
 */
import type { FaultLab } from "./lab";
import { okAfter, shorten } from "./scenario";
import { Advice, adviceIn, advisedInputs, describeAdvice, isNewAdvice } from "./advice";

export { adoptIdIn } from "./advice";

/** The result of acting once and, after failures, following the errors. */
export interface Flow {
  saw: string;
  firstOk: boolean;
  finalOk: boolean;
  firstMessage?: string;
  finalMessage?: string;
  /** The advice followed, in order. */
  followed: Advice[];
}

/** How many runs a user makes at most after the first: run again, then follow what the errors say. */
export const MAX_RERUNS = 3;

/**
 * Clears the request log and runs `act` as a new command (a new provider host, see
 * {@link FaultLab.newCommand}). After a failure the user applies the error's advice to
 * the resource whose step failed (`lab.stack.lastFailed`) and runs `rerun` (`act` by default);
 * they go on while each error brings advice (inputs not set yet, or "run again"), at most
 * {@link MAX_RERUNS} times. "ok after N retries" counts the failed answers of a first run that
 * succeeded.
 */
export async function actThenRerun(lab: FaultLab, act: () => Promise<unknown>, rerun: () => Promise<unknown> = act): Promise<Flow> {
  await lab.newCommand();
  lab.admin.clearLog();
  lab.stack.lastFailed = undefined;
  const first = await lab.attempt(act);
  if (first.ok) return { saw: okAfter(lab.failedAnswers()), firstOk: true, finalOk: true, followed: [] };
  lab.admin.clearFaults();
  const followed: Advice[] = [];
  const steps = [`error: ${shorten(first.message, 90)}`];
  let last = first;
  for (let rerunNo = 1; rerunNo <= MAX_RERUNS; rerunNo++) {
    const advice = adviceIn(last.message);
    const target = lab.stack.lastFailed;
    const fresh = target !== undefined && isNewAdvice(advice, lab.stack.advised.get(target));
    // A plain rerun is worth one try; after that only advice (new inputs, or "run again") makes another run worth it.
    if (rerunNo > 1 && !fresh && !advice.runAgain) break;
    if (fresh) {
      lab.stack.advise(target, advisedInputs(advice));
      followed.push(advice);
    }
    lab.stack.lastFailed = undefined;
    await lab.newCommand();
    const next = await lab.attempt(rerun);
    steps.push(`${fresh ? describeAdvice(advice) : "run again"}: ${next.ok ? "ok" : `error: ${shorten(next.message, 70)}`}`);
    if (next.ok) return { saw: steps.join(" → "), firstOk: false, finalOk: true, firstMessage: first.message, followed };
    last = next;
  }
  return { saw: steps.join(" → "), firstOk: false, finalOk: false, firstMessage: first.message, finalMessage: last.message, followed };
}
