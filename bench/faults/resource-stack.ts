/**
 * A small stand-in for the engine's per-resource steps, over one provider host: state per
 * resource name, and `apply` / `refresh` / `destroy` that call Check, Diff, Create, Update, Read
 * and Delete the way `pulumi up` does. Init failures are recorded like the engine records them
 * (the object stays in state and the next `apply` updates it).
 */
import { ProviderHost, ProviderHostError, PropertyMap } from "../../tests/support/provider-host";
import { TYPES } from "../../tests/provider/host-fixture";

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

  /**
   * @param host the provider host to call (replaceable, e.g. after a kill)
   * @param providers the `__provider` text of each kind
   * @param urnOf the URN of a resource
   */
  constructor(
    public host: ProviderHost,
    private readonly providers: Record<Kind, string>,
    private readonly urnOf: (kind: Kind, name: string) => string,
  ) {}

  /** Creates, updates or replaces the resource to match `inputs`; returns its outputs. */
  async apply(kind: Kind, name: string, inputs: PropertyMap): Promise<PropertyMap> {
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
    const old = this.mustHave(name);
    await this.host.delete(old.id, this.urnOf(old.kind, name), old.outputs, old.inputs);
    this.records.delete(name);
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
