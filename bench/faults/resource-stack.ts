/**
 * A small stand-in for the engine's per-resource steps, over one provider host: state per
 * resource name, and `apply` / `refresh` / `destroy` that call Check, Diff, Create, Update, Read
 * and Delete the way `pulumi up` does. Init failures are recorded like the engine records them
 * (the object stays in state and the next `apply` updates it). `advised` holds the inputs a user
 * added to the program after an error told them to (adoptId, resetSecretOnAdopt,
 * recoverWithReplace); `apply` merges them into that resource's inputs from then on.
 */
import { ProviderHost, ProviderHostError, PropertyMap } from "../../harness/provider-host";
import { TYPES } from "../../harness/host-fixture";

/** A resource kind, by its fixture name. */
export type Kind = keyof typeof TYPES;

/** What the stack's state holds for one resource. */
export interface StackRecord {
  kind: Kind;
  name: string;
  id: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  /** Reasons of the init failure that recorded this resource, when it did. */
  initErrors?: string[];
}

/** Raised when Check rejects the inputs. */
export class CheckFailedError extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    this.name = "CheckFailedError";
  }
}

/** Per-resource engine steps with in-memory state. */
export class ResourceStack {
  /** The state, by resource name. */
  readonly records = new Map<string, StackRecord>();
  /** Inputs added to a resource's declaration on an error's advice, by resource name. */
  readonly advised = new Map<string, PropertyMap>();
  /** The resource whose step failed last (the one an error is about). */
  lastFailed?: string;

  /**
   * @param host the provider host to call (replaceable, e.g. after a kill)
   * @param providers the `__provider` text of each kind
   * @param urnOf the URN of a resource
   * @param startHost starts a host like `host` for the next command (the engine starts one per
   *   `pulumi` command, and the providers keep what one run learned for the host's life)
   */
  constructor(
    public host: ProviderHost,
    private readonly providers: Record<Kind, string>,
    private readonly urnOf: (kind: Kind, name: string) => string,
    readonly startHost: () => Promise<ProviderHost>,
  ) {}

  /** Creates, updates or replaces the resource to match `inputs`; returns its outputs. */
  async apply(kind: Kind, name: string, declared: PropertyMap): Promise<PropertyMap> {
    return this.noting(name, () => this.applyNow(kind, name, { ...declared, ...this.advised.get(name) }));
  }

  /** Adds inputs to a resource's declaration, as a user following an error's advice does. */
  advise(name: string, inputs: PropertyMap): void {
    this.advised.set(name, { ...this.advised.get(name), ...inputs });
  }

  private async applyNow(kind: Kind, name: string, inputs: PropertyMap): Promise<PropertyMap> {
    const urn = this.urnOf(kind, name);
    const old = this.records.get(name);
    const checked = await this.host.check(urn, old?.inputs ?? {}, { ...inputs, __provider: this.providers[kind] });
    if (checked.failures.length > 0) throw new CheckFailedError(checked.failures);
    if (!old) return this.create(kind, name, checked.inputs);
    const diff = await this.host.diff(old.id, urn, old.outputs, checked.inputs, old.inputs);
    if (diff.changes === "none" && !old.initErrors) return old.outputs;
    if (diff.replaces.length > 0) {
      const outputs = await this.create(kind, name, checked.inputs);
      await this.host.delete(old.id, urn, old.outputs, old.inputs);
      return outputs;
    }
    try {
      const updated = await this.host.update(old.id, urn, old.outputs, checked.inputs, old.inputs);
      this.records.set(name, { kind, name, id: old.id, inputs: checked.inputs, outputs: updated.properties });
      return updated.properties;
    } catch (error) {
      this.recordInitFailure(kind, name, checked.inputs, error);
      throw error;
    }
  }

  /** Reads the resource; one gone in Snyk leaves the state. Returns the new outputs or undefined. */
  async refresh(name: string): Promise<PropertyMap | undefined> {
    return this.noting(name, () => this.refreshNow(name));
  }

  private async refreshNow(name: string): Promise<PropertyMap | undefined> {
    const old = this.mustHave(name);
    const read = await this.host.read(old.id, this.urnOf(old.kind, name), old.outputs, old.inputs);
    if (read.id === "") {
      this.records.delete(name);
      return undefined;
    }
    this.records.set(name, { ...old, id: read.id, outputs: read.properties, inputs: read.inputs ?? old.inputs });
    return read.properties;
  }

  /** Deletes the resource and drops it from state. */
  async destroy(name: string): Promise<void> {
    await this.noting(name, async () => {
      const old = this.mustHave(name);
      await this.host.delete(old.id, this.urnOf(old.kind, name), old.outputs, old.inputs);
      this.records.delete(name);
    });
  }

  /** Runs a step of `name`, remembering it as {@link lastFailed} when it throws. */
  private async noting<T>(name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.lastFailed = name;
      throw error;
    }
  }

  /** The outputs of a resource in state. */
  outputs(name: string): PropertyMap {
    return this.mustHave(name).outputs;
  }

  private async create(kind: Kind, name: string, inputs: PropertyMap): Promise<PropertyMap> {
    try {
      const created = await this.host.create(this.urnOf(kind, name), inputs);
      this.records.set(name, { kind, name, id: created.id, inputs, outputs: created.properties });
      return created.properties;
    } catch (error) {
      this.recordInitFailure(kind, name, inputs, error);
      throw error;
    }
  }

  private recordInitFailure(kind: Kind, name: string, inputs: PropertyMap, error: unknown): void {
    const init = error instanceof ProviderHostError ? error.initFailure : undefined;
    if (init) this.records.set(name, { kind, name, id: init.id, inputs, outputs: init.properties, initErrors: init.reasons });
  }

  private mustHave(name: string): StackRecord {
    const record = this.records.get(name);
    if (!record) throw new Error(`no resource ${name} in state`);
    return record;
  }
}
