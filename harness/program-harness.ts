/**
 * A stand-in for the Pulumi CLI and engine: runs a Pulumi program (the example stack or a small
 * test program) under `setMocks`, sends every registered dynamic resource to the real
 * dynamic-provider host over gRPC, and keeps the stack's state in a JSON file, so that providers
 * are tested in the order and with the values `pulumi up` gives them. Each rule below was read
 * in pulumi/pulumi's engine (`pkg/resource/deploy/step_generator.go`, `step.go`,
 * `step_executor.go`, `deployment_executor.go`, `providers/registry.go`,
 * `default_providers.go`) and the Node host (`sdk/nodejs/cmd/dynamic-provider/index.ts`).
 *
 * Engine rules and how they are modelled:
 * - Step order (`up-run.ts`). Registrations go one at a time through a serial step generator:
 *   Check (old inputs, new inputs; `{}` as olds for a new resource, a `--replace` target or a
 *   dependent recreated after a delete-before-replace), then Diff (olds = the OLD OUTPUTS, news =
 *   the checked inputs) and the decision. Create/Update run in parallel in the step executor.
 * - Parallelism. At most `parallel` Create/Update/Delete/Read at once, 4 x cores by default like
 *   `--parallel`; Check and Diff one at a time (the engine's default without PULUMI_PARALLEL_DIFF).
 * - Replacement, create-before-delete (the default): Check again with the new inputs alone, Create
 *   the new object; the old one becomes a pending delete and is deleted at the END of the run,
 *   after every create and update, by its old id (the engine never compares the two ids). A failed
 *   deletion stays in `pendingDeletes` and is retried at the end of the next `up`.
 * - Rename without `aliases`: a new URN, so a Create, and the old URN is deleted at the end as a
 *   resource the program no longer registers. With `aliases` the old URN's state moves to the new
 *   URN (Check/Diff against it; no create, no delete).
 * - `up({replace: [urn]})` (`--replace`): Check without olds, no Diff, replace as above.
 *   `replacementTrigger` (an option of @pulumi/pulumi 3.270): a changed (or unknown) value, set
 *   both before and now, forces the same replacement without Diff; unknown outside a preview is
 *   an error.
 * - `deleteBeforeReplace` (the option wins over the provider's answer; `dependent-replacements.ts`): before the replacement,
 *   each prior dependent not yet registered whose inputs come from a replaced resource is asked
 *   Diff with those inputs unknown; those answering with a replacement are deleted first
 *   (dependents first), then the old object, then the new one is created; the dependents are
 *   created again when they register.
 * - `ignoreChanges`: old input values put back into the new inputs before Check (top-level and
 *   dotted paths). `protect`: delete refused and replacement refused with the CLI's messages.
 *   `retainOnDelete`: dropped from state without a Delete call. `replaceOnChanges`: the Node host
 *   forwards no changed keys and no detailed diff, so it has no effect on a provider with `diff`
 *   (only when the provider has no `diff` does the engine compare inputs and apply it).
 * - Preview (`up({preview: true})`): Check and Diff only, never Create or Update. Planned outputs
 *   are the checked inputs, so every output that is not an echoed input is unknown to dependents
 *   (also for in-place updates); `id` stays known for an in-place update and is unknown for a
 *   create or replacement. Dependents get Check/Diff with the unknown sentinel, as the engine sends.
 * - Init failures (a Create/Update error carrying id, properties and reasons): exactly the
 *   properties sent become the OUTPUTS (the host adds no `__provider` to them), with the reasons as
 *   `initErrors`; the next `up` runs Update (olds = those partial outputs) even when Diff finds no
 *   change, and the errors clear when it succeeds. A replacement whose Create fails this way still
 *   retires the old object.
 * - Failures: after a failed step no new step starts (unless `continueOnError`), in-flight ones
 *   finish, and no deletion runs at the end.
 * - Snapshot order (`run-ledger.ts`, `refresh-run.ts`): the state lists the resources a run's
 *   steps recorded in the order the steps completed (`markNew` on step completion in
 *   `pkg/backend/snapshot.go`), then the prior records the run kept; the next refresh reads them
 *   in that order, so it decides which Reads share the step slots first.
 * - Refresh (`refresh-run.ts`): Read with the old outputs (empty id drops the resource), then
 *   Diff(olds = refreshed outputs, news = recorded inputs) decides `same` or `updated`; an
 *   outputs-only drift Diff does not report is stored and counts as `same`. `expectNoChanges`
 *   fails on anything but `same`; `previewOnly` saves nothing; `up({refresh: true})` refreshes
 *   first. Refresh clears init errors and every pending operation except a CREATE.
 * - Config: a (non-preview) `up` configures the host with the CURRENT stack config and records it
 *   in the state as the default provider's inputs (`defaultProvider`, secret keys encrypted).
 *   `refresh`, `destroy` and the refresh part of `up({refresh: true})` configure the host with the
 *   config RECORDED at the last `up` (the engine loads the provider from the state).
 * - Killed runs (`operation-journal.ts`): every Create/Update/Delete is written to the state as a
 *   pending operation before its call. When the host dies under a call (`ProviderHost.kill()`),
 *   the run stops as a killed `pulumi` would and the operation stays pending. Every later
 *   non-preview `up` without `refresh` warns about them (`warnings` and a `warning` event) until
 *   a refresh clears them (a pending CREATE only with `clearPendingCreates`); the next `up` simply
 *   runs Create again.
 * - `import` option: Read with the id alone, as the engine's ImportStep; the Node host then fails
 *   (no `__provider`) and that error is reported.
 * - Secrets (`harness-state.ts`): values in `additionalSecretOutputs`, secret inputs (and outputs
 *   of the same name), secret exports and secret config are encrypted in the state file with a
 *   per-state key in `<statePath>.key`; the program gets secret outputs back as secret Outputs.
 * - The state file is written after steps finish (at most once per `saveIntervalMs`), at once
 *   before every journalled provider call, and always at the end of an operation.
 *
 * What the engine does that this harness does not:
 * - Secrecy per nested path (here per top-level property); resource references in outputs.
 * - Targets (`--target`, `--exclude`), `--target-dependents`, plans, policy packs, hooks, views,
 *   `deletedWith`, `replaceWith`, `hideDiffs`, custom timeouts (the host ignores them anyway),
 *   refresh programs (`--run-program`), stack references, component outputs, non-dynamic providers
 *   (they need `mocks`) and explicit provider resources.
 * - The default provider as a resource with its own steps (its name carries no version here); a
 *   config change updates it in place in the engine too (the Node host has no DiffConfig), so no
 *   resource is replaced for it, as here.
 * - Refreshing or journalling reads as pending operations; init errors reported by Read.
 * - Interactive clearing of pending creates and `--import-pending-creates`; retries of error hooks.
 * - With a shared `host`, the host keeps its own config, so the recorded-config rule of refresh and
 *   destroy cannot apply; and what the providers keep for one run (the org's and owners' listings
 *   in `provider/run-cache.ts`) carries over to the next operation, where the engine would start a
 *   new host: drive a sequence that changes Snyk between commands with a host per operation.
 */
import { ConcurrencyLimiter } from "../provider/client/concurrency-limiter";
import { defaultParallelism } from "./default-parallelism";
import { destroyState } from "./destroy-run";
import { pendingOperationsWarning } from "./engine-messages";
import { Reporter } from "./harness-reporter";
import { DefaultProviderState, loadState, saveState, StackState } from "./harness-state";
import { DestroyResult, ProgramHarnessOptions, RefreshOptions, RefreshResult, UpOptions, UpResult } from "./harness-types";
import { HostSession, hostSession } from "./host-session";
import { Program, ProgramRunError, runProgram } from "./mock-program";
import { refreshState } from "./refresh-run";
import { SecretBox } from "./secret-box";
import { ThrottledWriter } from "./throttled-writer";
import { StepFailed, UpRun } from "./up-run";

export { HarnessEvent, HarnessEventListener, formatEvent, displayType } from "./harness-events";
export { ResourceState, StackState, PendingOperation, DefaultProviderState } from "./harness-state";
export {
  ProgramHarnessOptions,
  HarnessFailure,
  UpOptions,
  UpResult,
  RefreshChange,
  RefreshOptions,
  RefreshResult,
  DestroyResult,
} from "./harness-types";

/** How often, at most, an operation in progress writes the state file. */
const DEFAULT_SAVE_INTERVAL_MS = 200;

/** Runs programs against the real provider host with file-backed state. See the file header. */
export class ProgramHarness {
  private readonly box: SecretBox;
  private readonly reporter: Reporter;

  constructor(private readonly options: ProgramHarnessOptions) {
    this.box = SecretBox.forKeyFile(`${options.statePath}.key`);
    this.reporter = new Reporter(options.onEvent, `${options.project}-${options.stack}`);
  }

  /** The current state, decrypted (a copy). */
  state(): StackState {
    return loadState(this.options.statePath, this.box);
  }

  /** Runs `program` and brings the resources in line with it (see the file header). */
  async up(program: Program, options: UpOptions = {}): Promise<UpResult> {
    const preview = options.preview ?? false;
    const prior = this.state();
    let refresh: RefreshResult | undefined;
    if (options.refresh) {
      refresh = await this.refreshInPlace(prior, { previewOnly: preview });
      if (!preview) this.write(prior);
    }
    const host = this.session(this.options.config);
    const writer = new ThrottledWriter(() => save(stepExports), this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    const run = new UpRun({
      preview,
      replace: options.replace ?? [],
      continueOnError: options.continueOnError ?? false,
      host,
      steps: this.stepLimiter(),
      reporter: this.reporter,
      prior,
      save: () => writer.request(),
      flush: () => this.checkpoint(writer),
    });
    const priorExports = { exports: prior.exports, secretExports: prior.secretExports };
    let stepExports = priorExports;
    const save = (exports: Pick<StackState, "exports" | "secretExports">) => {
      if (preview) return;
      const state = run.state(exports);
      state.defaultProvider = this.recordedProvider();
      this.write(state);
      run.result.resources = state.resources;
    };
    if (refresh) {
      run.result.refresh = refresh;
      if (refresh.failures.length > 0) {
        run.result.failures.push(...refresh.failures);
        return run.result;
      }
    }
    const pending = prior.pendingOperations ?? [];
    if (!preview && !options.refresh && pending.length > 0) {
      const warning = pendingOperationsWarning(pending.map((op) => ({ type: op.type, urn: op.resource.urn })));
      run.result.warnings.push(warning);
      this.reporter.warn(warning);
    }
    // Start the host while the program runs; a start failure surfaces at its first use.
    host().catch(() => undefined);
    try {
      const programRun = await this.runProgram(program, run, preview).catch((err: unknown) => {
        if (!(err instanceof ProgramRunError)) throw err;
        const recorded = run.result.failures.map((f) => f.message);
        for (const error of err.errors) {
          if (!(error instanceof StepFailed) && !recorded.some((m) => error.message.includes(m)) && !isSkipped(error)) {
            run.result.failures.push({ urn: "", op: "program", message: error.message });
          }
        }
        return undefined;
      });
      if (!programRun) {
        writer.cancel();
        save(priorExports);
        return run.result;
      }
      run.result.outputs = programRun.exports;
      run.result.secretOutputs = programRun.secretExports;
      const exports = { exports: programRun.exports, secretExports: programRun.secretExports };
      stepExports = exports;
      await run.deleteAtEnd();
      writer.cancel();
      save(run.succeeded ? exports : priorExports);
      return run.result;
    } finally {
      writer.cancel();
      await host.stopIfStarted();
    }
  }

  /** `pulumi refresh` with the config recorded at the last `up` (see `refresh-run.ts`). */
  async refresh(options: RefreshOptions = {}): Promise<RefreshResult> {
    const state = this.state();
    const result = await this.refreshInPlace(state, options);
    if (!options.previewOnly) this.write(state);
    return result;
  }

  /** A journal entry's write: at once, or throttled with the other writes (`checkpoints`). */
  private checkpoint(writer: ThrottledWriter): void {
    if (this.options.checkpoints === "throttled") writer.request();
    else writer.flush();
  }

  /** `pulumi destroy` with the config recorded at the last `up` (see `destroy-run.ts`). */
  async destroy(): Promise<DestroyResult> {
    const state = this.state();
    const host = this.session(this.recordedConfig(state));
    const writer = new ThrottledWriter(() => this.write(state), this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    try {
      const result = await destroyState(state, { host, steps: this.stepLimiter(), reporter: this.reporter, save: () => writer.request(), flush: () => this.checkpoint(writer) });
      writer.cancel();
      this.write(state);
      return result;
    } finally {
      writer.cancel();
      await host.stopIfStarted();
    }
  }

  private async refreshInPlace(state: StackState, options: RefreshOptions): Promise<RefreshResult> {
    const host = this.session(this.recordedConfig(state));
    let beforeWrite: (() => void) | undefined;
    const writer = new ThrottledWriter(() => {
      beforeWrite?.();
      this.write(state);
    }, this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    const save = (prepare: () => void) => {
      beforeWrite = prepare;
      writer.request();
    };
    try {
      return await refreshState(state, { host, steps: this.stepLimiter(), reporter: this.reporter, save }, options);
    } finally {
      writer.cancel();
      await host.stopIfStarted();
    }
  }

  private runProgram(program: Program, run: UpRun, preview: boolean) {
    const mocks = this.options.mocks;
    return runProgram(program, {
      project: this.options.project,
      stack: this.options.stack,
      config: this.options.config,
      secretConfigKeys: this.options.secretConfigKeys,
      preview,
      mocks: {
        call: mocks?.call,
        newResource: async (registration) => {
          if (registration.type.startsWith("pulumi-nodejs:dynamic")) return run.register(registration);
          if (!registration.custom) return { state: {} };
          if (mocks?.newResource) return mocks.newResource(registration);
          throw new Error(`the program harness runs only dynamic resources; pass mocks for ${registration.type}`);
        },
      },
    });
  }

  /** The default provider as an `up` records it: the current stack config as its inputs. */
  private recordedProvider(): DefaultProviderState {
    const config = { ...(this.options.config ?? {}) };
    return {
      urn: `urn:pulumi:${this.options.stack}::${this.options.project}::pulumi:providers:pulumi-nodejs::default`,
      inputs: config,
      secretInputs: (this.options.secretConfigKeys ?? []).filter((key) => key in config),
    };
  }

  /** The config the engine configures the provider with when it loads it from the state. */
  private recordedConfig(state: StackState): Record<string, string> | undefined {
    return state.defaultProvider?.inputs ?? this.options.config;
  }

  private session(config: Record<string, string> | undefined): HostSession {
    const { cwd, project, stack, env, host } = this.options;
    return hostSession({ cwd, project, stack, env, shared: host }, config);
  }

  private write(state: StackState): void {
    saveState(this.options.statePath, this.box, state);
  }

  /** A fresh bound on the provider calls of one operation (`parallel`). */
  private stepLimiter(): ConcurrencyLimiter {
    return new ConcurrencyLimiter(this.options.parallel ?? defaultParallelism());
  }
}

/** A registration the harness refused because the run had already stopped (not an error of the program). */
function isSkipped(error: Error): boolean {
  return error.message.includes("not started: an earlier step failed") || error.message.includes("the deployment was interrupted");
}
