/**
 * The types one `up` of the program harness works with: what it needs from the harness, the step
 * generator's decision for a registration, and the error the program sees for a failed step.
 */
import type { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import type { Reporter } from "./harness-reporter";
import type { ResourceState, StackState } from "./harness-state";
import type { UpResult } from "./harness-types";
import type { HostSession } from "./host-session";
import type { ResourceRegistration } from "./mock-program";
import type { PropertyMap } from "./struct";

/** Thrown to the program when one of its resources failed or was not started; the failure, if any, is in `UpResult`. */
export class StepFailed extends Error {}

/** What an `up` needs from the harness. */
export interface UpRunSettings {
  preview: boolean;
  /** URNs to replace (`--replace`). */
  replace: string[];
  continueOnError: boolean;
  host: HostSession;
  /** The step bound (`parallel`). */
  steps: ConcurrencyLimiter;
  reporter: Reporter;
  /** The state before the run (after the refresh of `up --refresh`). */
  prior: StackState;
  /** Asks for a (throttled) write of the state file. */
  save: () => void;
  /** Writes the state file now (a journal entry before a provider call). */
  flush: () => void;
}

/** What the step generator decided to do with a registration. */
export type Plan = "create" | "update" | "replace" | "same" | "import";

/** The step generator's decision for one registration. */
export interface Decision {
  reg: ResourceRegistration;
  plan: Plan;
  old?: ResourceState;
  /** The checked inputs the step sends. */
  inputs: PropertyMap;
  detail?: string;
  /** Delete the old object (and `dependents`) before creating the new one. */
  deleteFirst: boolean;
  /** Dependents of a delete-before-replace that must be replaced too, in dependency order. */
  dependents: ResourceState[];
  /** The old object was already deleted (a dependent of a delete-before-replace registering again). */
  oldGone: boolean;
}

/** The result of an `up` before any step ran: nothing changed yet, the prior resources. */
export function emptyUpResult(preview: boolean, resources: ResourceState[]): UpResult {
  return {
    preview,
    created: [],
    updated: [],
    replaced: [],
    deleted: [],
    deletedReplaced: [],
    same: [],
    outputs: {},
    secretOutputs: [],
    resources,
    warnings: [],
    failures: [],
  };
}
