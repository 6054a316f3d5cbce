/**
 * A program with the inputs a user added on an error's advice: the same program, with a stack
 * transformation that merges the advised inputs (adoptId, resetSecretOnAdopt,
 * recoverWithReplace) into the resources they are for, by resource name. It stands in for the
 * user editing `new SnykApp("ci-bot", {...})` to add `adoptId: "..."`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Program } from "../../harness/mock-program";
import type { PropertyMap } from "../../harness/provider-host";

/** `program` with `advised[name]` merged into the inputs of the resource called `name`. */
export function programWithAdvice(program: Program, advised: ReadonlyMap<string, PropertyMap>): Program {
  if (advised.size === 0) return program;
  return () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const extra = advised.get(args.name);
      return extra ? { props: { ...args.props, ...extra }, opts: args.opts } : undefined;
    });
    return program();
  };
}

/** The resource name in a URN (its last `::` part). */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
