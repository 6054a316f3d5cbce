/**
 * The options and results of the program harness (`program-harness.ts`): what a test passes to
 * `new ProgramHarness(...)`, `up`, `refresh` and `destroy`, and what they report.
 */
import { HarnessEventListener, HarnessOp } from "./harness-events";
import { ResourceState } from "./harness-state";
import { ProgramMocks } from "./mock-program";
import { ProviderHost } from "./provider-host";
import { PropertyMap } from "./struct";

/** Options for `ProgramHarness`. */
export interface ProgramHarnessOptions {
  /** The JSON state file; created on the first `up`. Its key goes to `<statePath>.key`. */
  statePath: string;
  project: string;
  stack: string;
  /** The program directory: the provider host runs here, so provider `require`s resolve from it. */
  cwd: string;
  /**
   * The CURRENT stack config with namespaced keys (`snyk:token`, `snyk:apiUrl`), for the program
   * and for the provider during `up`. `refresh` and `destroy` configure the provider with the
   * config recorded at the last `up` instead, as the engine does. Change it between operations
   * as `pulumi config set` would.
   */
  config?: Record<string, string>;
  /** Config keys that are secret: the program sees them as secrets, the state stores them encrypted. */
  secretConfigKeys?: string[];
  /** Extra environment variables for the provider host. */
  env?: NodeJS.ProcessEnv;
  /** Receives an event for every step. */
  onEvent?: HarnessEventListener;
  /** Mocks for non-dynamic custom resources and invokes (dynamic resources never reach them). */
  mocks?: ProgramMocks;
  /**
   * A running host to use instead of spawning one per operation; the harness never stops it, and
   * `cwd`, `config` and `env` are then the host's own (so the recorded-config rule of refresh and
   * destroy cannot apply). Lets a test file share one host.
   */
  host?: ProviderHost;
  /**
   * At most this many Create/Update/Delete/Read steps in flight at once, like `pulumi up
   * --parallel`; 4 x the number of cores by default, as the CLI's. Check and Diff always run one
   * at a time.
   */
  parallel?: number;
  /** While an operation runs, write the state file at most this often (200 ms by default); it is always written at the end. */
  saveIntervalMs?: number;
  /**
   * `"every-call"` (the default, as the engine): a pending operation is written to the state file
   * before its provider call starts. `"throttled"`: such writes wait for `saveIntervalMs` too, for
   * benchmarks, where rewriting a state of megabytes before each call would be most of what is
   * timed; the journal still reaches the file at the end, also when the host is killed.
   */
  checkpoints?: "every-call" | "throttled";
}

/** A step that failed, or (op `"program"`) an error of the program or of the operation itself. */
export interface HarnessFailure {
  urn: string;
  op: HarnessOp | "program" | "refresh";
  message: string;
  /** Check failures as `property: reason`, or init-failure reasons. */
  reasons?: string[];
}

/** Options for `ProgramHarness.up`. */
export interface UpOptions {
  /** Like `pulumi preview`: Check and Diff only; nothing is created, changed or saved. */
  preview?: boolean;
  /** Like `pulumi up --replace URN`: replace these resources (create the new, delete the old at the end). */
  replace?: string[];
  /** Like `pulumi up --refresh`: refresh every resource first, with the config recorded at the last up. */
  refresh?: boolean;
  /** Like `--continue-on-error`: keep starting independent steps after one failed (deletions are still skipped). */
  continueOnError?: boolean;
}

/** What `up` did (or, in a preview, would do), by URN. */
export interface UpResult {
  preview: boolean;
  created: string[];
  updated: string[];
  /** Resources replaced (the new URN; the old object is deleted at the end, see `deletedReplaced`). */
  replaced: string[];
  /** Resources deleted because the program no longer registers them. */
  deleted: string[];
  /** URNs whose replaced old object was deleted (this run's replacements and pending deletes of earlier runs). */
  deletedReplaced: string[];
  same: string[];
  /** Stack exports, secrets in plain text (they are encrypted only in the state file). */
  outputs: PropertyMap;
  /** Names of the exports that are secret. */
  secretOutputs: string[];
  /** The resources in state afterwards (in a preview: unchanged prior state). */
  resources: ResourceState[];
  /** Warnings of the operation, e.g. pending operations from a killed run. */
  warnings: string[];
  /** The refresh part of `up({refresh: true})`. */
  refresh?: RefreshResult;
  failures: HarnessFailure[];
}

/** One resource's result of `refresh`. */
export interface RefreshChange {
  urn: string;
  change: "same" | "updated" | "deleted";
}

/** Options for `ProgramHarness.refresh`. */
export interface RefreshOptions {
  /** Like `pulumi refresh --preview-only`: Reads and Diffs run for real, nothing is saved. */
  previewOnly?: boolean;
  /** Like `--expect-no-changes`: a failure when any resource is not `same`. */
  expectNoChanges?: boolean;
  /** Like `--clear-pending-creates`: drop the pending CREATE operations of killed runs. */
  clearPendingCreates?: boolean;
}

/** What `refresh` found. */
export interface RefreshResult {
  changes: RefreshChange[];
  failures: HarnessFailure[];
}

/** What `destroy` deleted. */
export interface DestroyResult {
  deleted: string[];
  failures: HarnessFailure[];
}
