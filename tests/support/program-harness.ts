/**
 * A program-level harness: runs a Pulumi program (the example stack or a small test program)
 * under `setMocks`, sends every registered dynamic resource to the real dynamic-provider host,
 * and keeps the stack's state in a JSON file, to test the providers as `pulumi up` uses them.
 *
 * - `up`: per dynamic resource, Check (old inputs, new inputs), then Create, or Diff (old
 *   outputs, checked inputs) followed by nothing, Update, or a replacement (Create the new, then
 *   Delete the old; Delete first when the provider or the resource options ask for
 *   delete-before-replace). Outputs go back to the program (secret ones marked secret), so
 *   dependent resources see them. Resources in the state that the program no longer registers are
 *   deleted afterwards, dependents first. `{preview: true}` runs Check and Diff only.
 * - `refresh`: Read of every resource; drift updates the state, a vanished object leaves it.
 * - `destroy`: Delete of every resource, dependents first.
 * - One provider-host process per operation, configured with the harness's stack config (or one
 *   shared host passed as `host`).
 * - Secret values (`additionalSecretOutputs`, secret inputs, secret exports) are encrypted in the
 *   state file with a per-state key in `<statePath>.key` (see `secret-box.ts`).
 *
 * - Steps run in parallel, as the engine runs them, at most `parallel` at once (like
 *   `pulumi up --parallel`; unbounded by default): `up` handles each registration as it arrives
 *   (the SDK registers a resource once its inputs and `dependsOn` resolve, so dependents wait for
 *   what they depend on), `refresh` reads every resource at once, and deletions (`destroy`, and
 *   resources `up` no longer sees) start as soon as every resource depending on them is gone,
 *   using the recorded dependencies (explicit `dependsOn`, the resources whose outputs feed the
 *   inputs, and the parent); among the ready ones, the last registered goes first.
 * - The state file is written after steps finish, at most once per `saveIntervalMs` while an
 *   operation runs, and always at its end.
 *
 * What the real engine does that this harness does not:
 * - It deletes replaced resources at the end of the update and records failed deletions as
 *   "pending delete"; here the old object is deleted right after its replacement is created and a
 *   failed deletion is only reported.
 * - It checks that the provider's `__provider` text in state matches, handles aliases, imports,
 *   `ignoreChanges`, `replaceOnChanges`, `retainOnDelete`, targets, `--continue-on-error`,
 *   custom timeouts, stack references, non-dynamic providers and component outputs; none of that
 *   is done here (non-dynamic custom resources need `mocks`).
 * - Secrecy is tracked per top-level property; the engine tracks nested secrets.
 */
import { ConcurrencyLimiter } from "../../provider/client/concurrency-limiter";
import { HarnessEvent, HarnessEventListener, HarnessOp } from "./harness-events";
import { loadState, ResourceState, saveState, StackState } from "./harness-state";
import { deletionOrder } from "./deletion-order";
import { Program, ProgramMocks, ProgramRunError, ResourceRegistration, runProgram } from "./mock-program";
import { ProviderHost, ProviderHostError, startProviderHost } from "./provider-host";
import { secretSig, signatureKey } from "./property-values";
import { SecretBox } from "./secret-box";
import { PropertyMap } from "./struct";
import { sameJson } from "../../provider/outputs";

export { HarnessEvent, HarnessEventListener, formatEvent, displayType } from "./harness-events";
export { ResourceState, StackState } from "./harness-state";

/** Options for {@link ProgramHarness}. */
export interface ProgramHarnessOptions {
  /** The JSON state file; created on the first `up`. Its key goes to `<statePath>.key`. */
  statePath: string;
  project: string;
  stack: string;
  /** The program directory: the provider host runs here, so provider `require`s resolve from it. */
  cwd: string;
  /** Stack config with namespaced keys (`snyk:token`, `snyk:apiUrl`), for program and provider. */
  config?: Record<string, string>;
  /** Config keys the program should see as secret. */
  secretConfigKeys?: string[];
  /** Extra environment variables for the provider host. */
  env?: NodeJS.ProcessEnv;
  /** Receives an event for every step. */
  onEvent?: HarnessEventListener;
  /** Mocks for non-dynamic custom resources and invokes (dynamic resources never reach them). */
  mocks?: ProgramMocks;
  /**
   * A running host to use instead of spawning one per operation; the harness never stops it, and
   * `cwd`, `config` and `env` are then the host's own. Lets a test file share one host (the host
   * configures each provider once, on first use, so its config must suit every test).
   */
  host?: ProviderHost;
  /**
   * At most this many resource steps (a registration's Check to Create/Update, a Read, a Delete)
   * in flight at once, like `pulumi up --parallel`; unbounded by default, as is the CLI's.
   */
  parallel?: number;
  /** While an operation runs, write the state file at most this often (200 ms by default); it is always written at the end. */
  saveIntervalMs?: number;
}

/** A step that failed, or (op `"program"`) an error of the program itself. */
export interface HarnessFailure {
  urn: string;
  op: HarnessOp | "program";
  message: string;
  /** Check failures as `property: reason`, or init-failure reasons. */
  reasons?: string[];
}

/** What `up` did (or, in a preview, would do), by URN. */
export interface UpResult {
  preview: boolean;
  created: string[];
  updated: string[];
  replaced: string[];
  deleted: string[];
  same: string[];
  /** Stack exports, secrets in plain text (they are encrypted only in the state file). */
  outputs: PropertyMap;
  /** Names of the exports that are secret. */
  secretOutputs: string[];
  /** The resources in state afterwards (in a preview: unchanged prior state). */
  resources: ResourceState[];
  failures: HarnessFailure[];
}

/** One resource's result of `refresh`. */
export interface RefreshChange {
  urn: string;
  change: "same" | "updated" | "deleted";
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

/** Options for {@link ProgramHarness.up}. */
export interface UpOptions {
  /** Run Check and Diff only and report the plan; nothing is created, changed or saved. */
  preview?: boolean;
}

/** How often, at most, an operation in progress writes the state file. */
const DEFAULT_SAVE_INTERVAL_MS = 200;

/** A provider host started on first use, with `stopIfStarted` for the end of an operation. */
type LazyHost = (() => Promise<ProviderHost>) & { stopIfStarted(): Promise<void> };

/** Thrown to the program when one of its resources failed; the failure is in `UpResult`. */
class StepFailed extends Error {}

type Plan = "create" | "update" | "replace" | "same";

/** State of one `up` run. */
interface UpRun {
  preview: boolean;
  host: LazyHost;
  /** Bounds the steps in flight (`parallel`). */
  steps: ConcurrencyLimiter;
  prior: Map<string, ResourceState>;
  /** Resources handled in this run (in the order their steps finished). */
  current: Map<string, ResourceState>;
  /** URNs in the order the program registered them: the order of the state file. */
  registered: string[];
  result: UpResult;
}

/** Runs programs against the real provider host with file-backed state. See the file header. */
export class ProgramHarness {
  private readonly box: SecretBox;

  constructor(private readonly options: ProgramHarnessOptions) {
    this.box = SecretBox.forKeyFile(`${options.statePath}.key`);
  }

  /** The current state, decrypted (a copy). */
  state(): StackState {
    return loadState(this.options.statePath, this.box);
  }

  /** Runs `program` and brings the resources in line with it (see the file header). */
  async up(program: Program, options: UpOptions = {}): Promise<UpResult> {
    const prior = this.state();
    const run: UpRun = {
      preview: options.preview ?? false,
      host: this.lazyHost(),
      steps: this.stepLimiter(),
      prior: new Map(prior.resources.map((r) => [r.urn, r])),
      current: new Map(),
      registered: [],
      result: {
        preview: options.preview ?? false,
        created: [],
        updated: [],
        replaced: [],
        deleted: [],
        same: [],
        outputs: {},
        secretOutputs: [],
        resources: prior.resources,
        failures: [],
      },
    };
    const save = (exports: Pick<StackState, "exports" | "secretExports">) => {
      if (run.preview) return;
      const kept = [...run.prior.values()].filter((r) => !run.current.has(r.urn));
      const current = run.registered.filter((urn) => run.current.has(urn)).map((urn) => run.current.get(urn)!);
      const state: StackState = { version: 1, resources: [...current, ...kept], ...exports };
      saveState(this.options.statePath, this.box, state);
      run.result.resources = state.resources;
    };
    const priorExports = { exports: prior.exports, secretExports: prior.secretExports };
    let stepExports = priorExports;
    const writer = new ThrottledWriter(() => save(stepExports), this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    // Start the host while the program runs; a start failure surfaces at its first use.
    run.host().catch(() => undefined);
    try {
      const programRun = await this.runProgram(program, run, () => writer.request()).catch((err: unknown) => {
        if (!(err instanceof ProgramRunError)) throw err;
        const recorded = run.result.failures.map((f) => f.message);
        for (const error of err.errors) {
          if (!(error instanceof StepFailed) && !recorded.some((m) => error.message.includes(m))) {
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
      if (run.result.failures.length === 0) await this.deleteUnregistered(run, () => writer.request());
      writer.cancel();
      save(run.result.failures.length === 0 ? exports : priorExports);
      return run.result;
    } finally {
      writer.cancel();
      await run.host.stopIfStarted();
    }
  }

  /** Reads every resource from the provider (in parallel) and records drift. */
  async refresh(): Promise<RefreshResult> {
    const state = this.state();
    const host = this.lazyHost();
    const steps = this.stepLimiter();
    const changes = new Map<ResourceState, RefreshChange>();
    const failures = new Map<ResourceState, HarnessFailure>();
    const resources = [...state.resources];
    const save = () => {
      state.resources = resources.filter((r) => changes.get(r)?.change !== "deleted");
      saveState(this.options.statePath, this.box, state);
    };
    const writer = new ThrottledWriter(save, this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    try {
      await Promise.all(
        resources.map((resource) =>
          steps.run(async () => {
            this.emit("read", "started", resource);
            try {
              const read = await (await host()).read(resource.id, resource.urn, resource.outputs, resource.inputs);
              if (read.id === "") {
                changes.set(resource, { urn: resource.urn, change: "deleted" });
                this.emit("read", "done", resource, "deleted");
              } else {
                const drift = changedKeys(resource.outputs, read.properties);
                Object.assign(resource, { id: read.id, outputs: read.properties, inputs: read.inputs ?? resource.inputs });
                changes.set(resource, { urn: resource.urn, change: drift.length > 0 ? "updated" : "same" });
                this.emit("read", "done", resource, drift.length > 0 ? `drift: ${drift.join(", ")}` : undefined);
              }
              writer.request();
            } catch (err) {
              failures.set(resource, this.failure("read", resource, err));
            }
          }),
        ),
      );
    } finally {
      writer.cancel();
      await host.stopIfStarted();
    }
    if (changes.size > 0) save();
    const inStateOrder = <T>(found: Map<ResourceState, T>) => resources.filter((r) => found.has(r)).map((r) => found.get(r)!);
    return { changes: inStateOrder(changes), failures: inStateOrder(failures) };
  }

  /** Deletes every resource, dependents first and independent ones in parallel; starts no deletion after a failure. */
  async destroy(): Promise<DestroyResult> {
    const state = this.state();
    const host = this.lazyHost();
    const result: DestroyResult = { deleted: [], failures: [] };
    const save = () => saveState(this.options.statePath, this.box, state);
    const writer = new ThrottledWriter(save, this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS);
    try {
      await this.deleteAll(state.resources, host, this.stepLimiter(), result.failures, (resource) => {
        state.resources = state.resources.filter((r) => r !== resource);
        if (state.resources.length === 0) Object.assign(state, { exports: {}, secretExports: [] });
        result.deleted.push(resource.urn);
        writer.request();
      });
    } finally {
      writer.cancel();
      await host.stopIfStarted();
    }
    if (result.deleted.length > 0) save();
    return result;
  }

  private runProgram(program: Program, run: UpRun, save: () => void) {
    const mocks = this.options.mocks;
    return runProgram(program, {
      project: this.options.project,
      stack: this.options.stack,
      config: this.options.config,
      secretConfigKeys: this.options.secretConfigKeys,
      preview: run.preview,
      mocks: {
        call: mocks?.call,
        newResource: async (registration) => {
          if (registration.type.startsWith("pulumi-nodejs:dynamic")) {
            run.registered.push(registration.urn);
            const outcome = await run.steps.run(() => this.step(registration, run));
            save();
            return outcome;
          }
          if (!registration.custom) return { state: {} };
          if (mocks?.newResource) return mocks.newResource(registration);
          throw new Error(`the program harness runs only dynamic resources; pass mocks for ${registration.type}`);
        },
      },
    });
  }

  /** Check, Diff and the chosen operation for one registered dynamic resource. */
  private async step(reg: ResourceRegistration, run: UpRun): Promise<{ id?: string; state: PropertyMap }> {
    const old = run.prior.get(reg.urn);
    const fail = (op: HarnessOp, err: unknown): never => {
      if (old && !run.current.has(reg.urn)) run.current.set(reg.urn, old);
      const failure = this.failure(op, reg, err);
      run.result.failures.push(failure);
      throw new StepFailed(failure.message);
    };
    const host = await run.host();

    let checked: PropertyMap = {};
    try {
      const check = await host.check(reg.urn, old?.inputs ?? {}, reg.inputs);
      if (check.failures.length > 0) {
        const reasons = check.failures.map((f) => `${f.property}: ${f.reason}`);
        fail("check", Object.assign(new Error(`${reg.name} has a problem: ${reasons.join("; ")}`), { reasons }));
      }
      checked = check.inputs;
    } catch (err) {
      if (err instanceof StepFailed) throw err;
      fail("check", err);
    }

    let plan: Plan = "create";
    let replaceFirst = false;
    let detail: string | undefined;
    if (old) {
      try {
        const diff = await host.diff(old.id, reg.urn, old.outputs, checked, old.inputs);
        const changed = changedKeys(old.inputs, checked);
        const changes = diff.changes === "unknown" ? (changed.length > 0 ? "some" : "none") : diff.changes;
        plan = changes === "none" && !old.initErrors?.length ? "same" : diff.replaces.length > 0 ? "replace" : "update";
        replaceFirst = diff.deleteBeforeReplace || reg.options.deleteBeforeReplace === true;
        detail = plan === "replace" ? `replaces: ${diff.replaces.join(", ")}` : changed.length > 0 ? `changes: ${changed.join(", ")}` : undefined;
      } catch (err) {
        fail("update", err);
      }
    }
    const lists = { create: run.result.created, update: run.result.updated, replace: run.result.replaced, same: run.result.same };

    if (run.preview) {
      this.emit(plan, "planned", reg, detail);
      lists[plan].push(reg.urn);
      const outputs = plan === "same" && old ? old.outputs : checked;
      return { id: plan === "create" || plan === "replace" ? undefined : old?.id, state: this.markSecrets(outputs, secretOutputsOf(reg)) };
    }
    if (plan === "same" && old) {
      this.emit("same", "done", reg);
      run.current.set(reg.urn, { ...old, dependencies: dependenciesOf(reg) });
      lists.same.push(reg.urn);
      return { id: old.id, state: this.markSecrets(old.outputs, old.secretOutputs) };
    }

    this.emit(plan, "started", reg, detail);
    let id = old?.id ?? "";
    let outputs: PropertyMap = {};
    try {
      if (plan === "replace" && old && replaceFirst) await this.deleteOld(host, old, run);
      if (plan === "update" && old) {
        outputs = (await host.update(old.id, reg.urn, old.outputs, checked, old.inputs)).properties;
      } else {
        ({ id, properties: outputs } = await host.create(reg.urn, checked));
      }
      if (plan === "replace" && old && !replaceFirst) await this.deleteOld(host, old, run);
    } catch (err) {
      const initFailure = err instanceof ProviderHostError ? err.initFailure : undefined;
      if (initFailure) {
        run.current.set(reg.urn, this.recordOf(reg, checked, initFailure.id, initFailure.properties, initFailure.reasons));
      }
      fail(plan, err);
    }
    run.current.set(reg.urn, this.recordOf(reg, checked, id, outputs));
    lists[plan].push(reg.urn);
    this.emit(plan, "done", reg, detail);
    return { id, state: this.markSecrets(outputs, secretOutputsOf(reg)) };
  }

  private async deleteOld(host: ProviderHost, old: ResourceState, run: UpRun): Promise<void> {
    await host.delete(old.id, old.urn, old.outputs, old.inputs);
    run.prior.delete(old.urn);
  }

  private async deleteUnregistered(run: UpRun, save: () => void): Promise<void> {
    const gone = [...run.prior.values()].filter((r) => !run.current.has(r.urn));
    if (run.preview) {
      for (const resource of deletionOrder(gone)) {
        this.emit("delete", "planned", resource);
        run.result.deleted.push(resource.urn);
      }
      return;
    }
    await this.deleteAll(gone, run.host, run.steps, run.result.failures, (resource) => {
      run.prior.delete(resource.urn);
      run.result.deleted.push(resource.urn);
      save();
    });
  }

  /**
   * Deletes `resources` (in registration order), each as soon as every resource in the set that
   * depends on it is gone, up to `steps` at once; once one fails, no further deletion starts.
   */
  private deleteAll(
    resources: ResourceState[],
    host: () => Promise<ProviderHost>,
    steps: ConcurrencyLimiter,
    failures: HarnessFailure[],
    onDeleted: (resource: ResourceState) => void,
  ): Promise<void> {
    const remaining = [...resources];
    const inFlight = new Set<ResourceState>();
    let failed = false;
    return new Promise((resolve) => {
      const schedule = () => {
        if (!failed) {
          for (const resource of readyToDelete(remaining, inFlight)) {
            remaining.splice(remaining.indexOf(resource), 1);
            inFlight.add(resource);
            void steps
              .run(async () => !failed && (await this.deleteOne(resource, host, failures)))
              .then((deleted) => {
                inFlight.delete(resource);
                if (deleted) onDeleted(resource);
                else failed = true;
                schedule();
              });
          }
        }
        if (inFlight.size === 0) resolve();
      };
      schedule();
    });
  }

  /** Deletes one resource; records a failure and returns false when it could not. */
  private async deleteOne(resource: ResourceState, host: () => Promise<ProviderHost>, failures: HarnessFailure[]): Promise<boolean> {
    this.emit("delete", "started", resource);
    try {
      if (resource.protect) throw new Error(`${resource.urn} is protected; unprotect it before deleting`);
      await (await host()).delete(resource.id, resource.urn, resource.outputs, resource.inputs);
    } catch (err) {
      failures.push(this.failure("delete", resource, err));
      return false;
    }
    this.emit("delete", "done", resource);
    return true;
  }

  private recordOf(reg: ResourceRegistration, inputs: PropertyMap, id: string, outputs: PropertyMap, initErrors?: string[]): ResourceState {
    const record: ResourceState = {
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      id,
      inputs,
      outputs,
      secretInputs: reg.secretInputs,
      secretOutputs: secretOutputsOf(reg),
      dependencies: dependenciesOf(reg),
      protect: reg.options.protect,
    };
    if (initErrors) record.initErrors = initErrors;
    return record;
  }

  /** Wraps secret outputs the way the engine returns them, so the program sees secret Outputs. */
  private markSecrets(outputs: PropertyMap, secretKeys: string[]): PropertyMap {
    const marked = { ...outputs };
    for (const key of secretKeys) {
      if (key in marked) marked[key] = { [signatureKey]: secretSig, value: marked[key] };
    }
    return marked;
  }

  private failure(op: HarnessOp, resource: { urn: string; type: string; name: string }, err: unknown): HarnessFailure {
    const message = err instanceof Error ? err.message : String(err);
    const reasons =
      err instanceof ProviderHostError ? err.initFailure?.reasons : ((err as { reasons?: string[] } | undefined)?.reasons ?? undefined);
    this.emit(op, "failed", resource, message);
    return reasons ? { urn: resource.urn, op, message, reasons } : { urn: resource.urn, op, message };
  }

  private emit(op: HarnessOp, status: HarnessEvent["status"], resource: { urn: string; type: string; name: string }, detail?: string): void {
    const event: HarnessEvent = { op, status, urn: resource.urn, type: resource.type, name: resource.name };
    if (detail !== undefined) event.detail = detail;
    this.options.onEvent?.(event);
  }

  /** A fresh bound on the steps of one operation (`parallel`). */
  private stepLimiter(): ConcurrencyLimiter {
    return new ConcurrencyLimiter(this.options.parallel ?? Infinity);
  }

  /** One host per operation, started on first use (or the shared host from the options). */
  private lazyHost(): LazyHost {
    const shared = this.options.host;
    if (shared) return Object.assign(async () => shared, { stopIfStarted: async () => undefined });
    let started: Promise<ProviderHost> | undefined;
    const get = () =>
      (started ??= startProviderHost({
        cwd: this.options.cwd,
        project: this.options.project,
        stack: this.options.stack,
        config: this.options.config,
        env: this.options.env,
      }));
    return Object.assign(get, {
      stopIfStarted: async () => {
        if (started) await (await started.catch(() => undefined))?.stop();
      },
    });
  }
}

/**
 * The resources of `remaining` (in registration order) that nothing still present depends on,
 * last registered first. Should the recorded dependencies form a cycle, the one `deletionOrder`
 * would pick, so that destroy always makes progress.
 */
function readyToDelete(remaining: ResourceState[], inFlight: Set<ResourceState>): ResourceState[] {
  const present = new Set([...remaining, ...inFlight].map((r) => r.urn));
  const dependedOn = new Set<string>();
  for (const r of [...remaining, ...inFlight]) for (const d of r.dependencies) if (d !== r.urn && present.has(d)) dependedOn.add(d);
  const ready = remaining.filter((r) => !dependedOn.has(r.urn)).reverse();
  if (ready.length === 0 && inFlight.size === 0 && remaining.length > 0) return deletionOrder(remaining).slice(0, 1);
  return ready;
}

/** Runs `write` at most once per `intervalMs` however often it is asked for; `cancel` drops a pending write. */
class ThrottledWriter {
  private timer?: NodeJS.Timeout;
  private last = 0;

  constructor(
    private readonly write: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Writes now, or once the interval since the last write has passed. */
  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed intermediate write is not fatal: the operation's final write reports the error.
      try {
        this.run();
      } catch {
        /* see above */
      }
    }, wait);
  }

  /** Drops the pending write, if any (the caller writes the final state itself). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.last = Date.now();
    this.write();
  }
}

function secretOutputsOf(reg: ResourceRegistration): string[] {
  return [...new Set([...reg.options.additionalSecretOutputs, ...reg.secretInputs])];
}

function dependenciesOf(reg: ResourceRegistration): string[] {
  const parent = reg.options.parent;
  const managedParent = parent && parent.split("::")[2] !== "pulumi:pulumi:Stack" ? [parent] : [];
  return [...new Set([...reg.options.dependencies, ...managedParent])];
}

/** Top-level keys (other than `__provider`) whose values differ. */
function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => (olds[k] === undefined) !== (news[k] === undefined) || !sameJson(olds[k], news[k])).sort();
}
