/**
 * The structured events the program harness reports while it works, and a one-line formatter
 * in the spirit of the Pulumi CLI's progress output (`npm run demo` prints them when no `pulumi`
 * binary is available).
 */

/**
 * What happened to a resource. `delete-replaced` is the deletion of a replaced resource's old
 * object (at the end of an `up`, or first for delete-before-replace); `warning` is a message of
 * the whole operation, such as the pending-operations warning.
 */
export type HarnessOp = "create" | "update" | "replace" | "delete" | "delete-replaced" | "same" | "read" | "check" | "import" | "warning";

/**
 * `started`/`done`/`failed` during `up`, `refresh` and `destroy`; `planned` in a preview (nothing
 * was changed).
 */
export type HarnessStatus = "started" | "done" | "failed" | "planned";

/** One event; `detail` is a short human text (changed properties, drift, or the error). */
export interface HarnessEvent {
  op: HarnessOp;
  status: HarnessStatus;
  urn: string;
  /** The type token, e.g. `pulumi-nodejs:dynamic/snyk:App`. */
  type: string;
  name: string;
  detail?: string;
}

/** Receives harness events. */
export type HarnessEventListener = (event: HarnessEvent) => void;

const symbols: Record<HarnessOp, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  "delete-replaced": "--",
  same: " ",
  read: "~",
  check: "!",
  import: "=",
  warning: "!",
};

const verbs: Record<HarnessOp, [started: string, done: string]> = {
  create: ["creating", "created"],
  update: ["updating", "updated"],
  replace: ["replacing", "replaced"],
  delete: ["deleting", "deleted"],
  "delete-replaced": ["deleting original", "deleted original"],
  same: ["", "unchanged"],
  read: ["refreshing", "refreshed"],
  check: ["checking", "checked"],
  import: ["importing", "imported"],
  warning: ["", "warning:"],
};

/** `pulumi-nodejs:dynamic/snyk:App` → `snyk:App`; other tokens are left as they are. */
export function displayType(type: string): string {
  return type.startsWith("pulumi-nodejs:dynamic/") ? type.slice("pulumi-nodejs:dynamic/".length) : type;
}

/** Formats an event as one line, e.g. ` +  snyk:App my-app created`. */
export function formatEvent(event: HarnessEvent): string {
  const [started, done] = verbs[event.op];
  const verb = { started, done, failed: `${event.op} failed`, planned: event.op === "same" ? "" : event.op }[event.status];
  const symbol = event.status === "failed" ? "**" : symbols[event.op];
  const detail = event.detail ? ` ${event.status === "failed" ? "error: " : ""}${event.detail}` : "";
  return ` ${symbol.padEnd(3)}${displayType(event.type)} ${event.name}${verb ? ` ${verb}` : ""}${detail}`;
}
