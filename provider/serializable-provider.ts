/**
 * The object Pulumi serializes into every dynamic resource's `__provider` input.
 *
 * It is deliberately thin: it holds only its resource kind, and each method loads the real
 * implementation with `require("pulumi-snyk-apps/provider/runtime")` inside the provider host,
 * which resolves it from the program's node_modules. So the serialized text stays small, holds no
 * paths, credentials or clients, and is the same on every machine (Pulumi's closure serializer
 * captures, by value, everything a method's text refers to: so the methods refer to nothing).
 *
 * Keep this file to syntax TypeScript 3.8 parses: where a program has no `typescript` package,
 * Pulumi's closure serializer parses methods with its vendored TypeScript 3.8.3, which rejects
 * class fields (hence the ES2020 target: no field declarations are emitted) and `??=`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./resource-kind";

export type { ResourceKind };

/** A dynamic ResourceProvider that delegates to `provider/runtime` in the provider host. */
export class SerializableProvider implements pulumi.dynamic.ResourceProvider {
  /** @param kind which resource kind this provider serves */
  constructor(readonly kind: ResourceKind) {}

  /**
   * Receives the stack config once per provider host; the token is read here and kept in memory.
   * The host caches this object before configure resolves, so a failure is kept and every later
   * call fails the same way, instead of running on settings from the environment alone.
   */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const self = this as any;
    try {
      self.operations = require("pulumi-snyk-apps/provider/runtime").createOperations(this.kind, req.config);
    } catch (error) {
      self.configureError = error;
      throw error;
    }
  }

  /** Validates inputs before any API call. */
  async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    return this.implementation().check(olds, news);
  }

  /** Decides update in place or replacement. */
  async diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    return this.implementation().diff(id, olds, news);
  }

  /** Creates the Snyk object. */
  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    return this.implementation().create(inputs);
  }

  /** Reads the Snyk object for refresh. */
  async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    return this.implementation().read(id, props);
  }

  /** Updates the Snyk object in place. */
  async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    return this.implementation().update(id, olds, news);
  }

  /** Deletes the Snyk object. */
  async delete(id: string, props: any): Promise<void> {
    return this.implementation().delete(id, props);
  }

  /** The implementation for this kind, configured from the environment if `configure` never ran. */
  implementation(): Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> {
    const self = this as any;
    if (self.configureError) throw self.configureError;
    if (!self.operations) self.operations = require("pulumi-snyk-apps/provider/runtime").createOperations(this.kind);
    return self.operations;
  }
}
