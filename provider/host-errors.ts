/**
 * Errors as they leave Pulumi's provider host: each operation's SnykError gets the trailer that
 * carries its code and advice as data ({@link withErrorTrailer}), since the host sends the engine
 * only the message text.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withErrorTrailer } from "./client";

type Method = Exclude<keyof pulumi.dynamic.ResourceProvider, "configure">;
const METHODS: readonly Method[] = ["check", "diff", "create", "read", "update", "delete"];

/** The same operations, whose thrown errors carry the trailer. */
export function withHostErrors(operations: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  const wrapped: Partial<Record<Method, unknown>> = {};
  for (const name of METHODS) {
    const method = operations[name] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!method) continue;
    wrapped[name] = (...args: unknown[]) =>
      method.apply(operations, args).catch((error: unknown) => {
        throw withErrorTrailer(error);
      });
  }
  return wrapped as pulumi.dynamic.ResourceProvider;
}
