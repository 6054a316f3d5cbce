/**
 * What a provider error tells the user to change in the program: `adoptId` (with
 * `resetSecretOnAdopt` when the adopted object's secret was lost) to take over an object an
 * interrupted run left, or `recoverWithReplace` on a SnykAppSecret that Snyk refuses a new secret
 * because it holds one no state knows. Read from the advice the error carries as data (the
 * trailer the provider host's errors end with: `readErrorTrailer`), never from its wording.
 */
import { readErrorTrailer } from "../../provider/client";
import type { PropertyMap } from "../../harness/provider-host";

/** The program changes an error advises; empty when it only says what went wrong. */
export interface Advice {
  adoptId?: string;
  /** Set with adoptId: the adopted object's secret was lost with the run that created it. */
  resetSecretOnAdopt?: boolean;
  recoverWithReplace?: boolean;
  /** The error says to run `pulumi up` again as it is (e.g. to finish an object recorded in state). */
  runAgain?: boolean;
}

/** The id an error tells the user to adopt, if any. */
export function adoptIdIn(message: string | undefined): string | undefined {
  return adviceIn(message).adoptId;
}

/**
 * The advice an error message carries. `resetSecretOnAdopt` is followed whenever advised: every
 * object a fault scenario is told to adopt was made by an interrupted run, so its secret is lost
 * to the user and nobody uses it yet (the condition the errors give).
 */
export function adviceIn(message: string | undefined): Advice {
  const data = readErrorTrailer(message)?.advice ?? {};
  const advice: Advice = {};
  if (data.adoptId) {
    advice.adoptId = data.adoptId;
    if (data.resetSecretOnAdopt) advice.resetSecretOnAdopt = true;
  }
  if (data.recoverWithReplace) advice.recoverWithReplace = true;
  if (data.runAgain) advice.runAgain = true;
  return advice;
}

/** The inputs the advice adds to the resource the error was about. */
export function advisedInputs(advice: Advice): PropertyMap {
  const inputs: PropertyMap = {};
  if (advice.adoptId) inputs.adoptId = advice.adoptId;
  if (advice.resetSecretOnAdopt) inputs.resetSecretOnAdopt = true;
  if (advice.recoverWithReplace) inputs.recoverWithReplace = true;
  return inputs;
}

/** True when the advice asks for a change the program does not have yet. */
export function isNewAdvice(advice: Advice, current: PropertyMap | undefined): boolean {
  return Object.entries(advisedInputs(advice)).some(([key, value]) => current?.[key] !== value);
}

/** What the user does next, for the table: "adopt it (resetSecretOnAdopt)", "recoverWithReplace (…)", "run again". */
export function describeAdvice(advice: Advice): string {
  const steps: string[] = [];
  if (advice.adoptId) steps.push(advice.resetSecretOnAdopt ? "adopt it (resetSecretOnAdopt)" : "adopt it");
  if (advice.recoverWithReplace) steps.push("recoverWithReplace (every old secret stops)");
  return steps.length > 0 ? steps.join(" + ") : "run again";
}
