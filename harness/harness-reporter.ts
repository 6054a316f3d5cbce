/** Turns what the harness does into events for `onEvent` and failures for the results. */
import { HarnessEvent, HarnessEventListener, HarnessOp } from "./harness-events";
import { HarnessFailure } from "./harness-types";
import { ProviderHostError } from "./provider-host";

/** Anything with a URN, a type and a name: a registration or a recorded resource. */
export interface Named {
  urn: string;
  type: string;
  name: string;
}

/** Emits events and builds failures (emitting their `failed` event). */
export class Reporter {
  /** @param stackName the stack resource's name (`<project>-<stack>`), which warnings are shown on */
  constructor(
    private readonly listener?: HarnessEventListener,
    private readonly stackName = "",
  ) {}

  /** Sends one event to the listener. */
  emit(op: HarnessOp, status: HarnessEvent["status"], resource: Named, detail?: string): void {
    const event: HarnessEvent = { op, status, urn: resource.urn, type: resource.type, name: resource.name };
    if (detail !== undefined) event.detail = detail;
    this.listener?.(event);
  }

  /** A warning of the whole operation (`urn` empty). */
  warn(message: string): void {
    this.listener?.({ op: "warning", status: "done", urn: "", type: "pulumi:pulumi:Stack", name: this.stackName, detail: message });
  }

  /** The failure of `op` on `resource`, with the reasons an error carries (check failures, init errors). */
  failure(op: HarnessOp, resource: Named, err: unknown): HarnessFailure {
    const message = err instanceof Error ? err.message : String(err);
    const reasons =
      err instanceof ProviderHostError ? err.initFailure?.reasons : ((err as { reasons?: string[] } | undefined)?.reasons ?? undefined);
    this.emit(op, "failed", resource, message);
    return reasons ? { urn: resource.urn, op, message, reasons } : { urn: resource.urn, op, message };
  }
}
