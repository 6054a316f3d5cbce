/**
 * Reading state that an older version of this package (or a hand edit) may have written: a field
 * missing, a list stored as a string, a number or boolean stored as text. `diff`, `update`,
 * `read` and `delete` go through here first, so such a state is understood, or refused with a
 * {@link SnykStateError} naming the property, never with a raw `TypeError`.
 */
import { SnykError } from "./client";

type FieldKind = "string" | "list" | "number" | "boolean" | "any";

/** The kinds of the fields each resource kind keeps in state. */
const FIELDS = {
  app: {
    orgId: "string", name: "string", appId: "string", clientId: "string", clientSecret: "string", context: "string",
    grantType: "string", orgPublicId: "string", adoptId: "string", redirectUris: "list", scopes: "list",
    accessTokenTtlSeconds: "number", resetSecretOnAdopt: "boolean", isPublic: "boolean", isConfidential: "boolean",
  },
  install: {
    appId: "string", orgId: "string", groupId: "string", installId: "string", clientId: "string", clientSecret: "string",
    installedAt: "string", appName: "string", adoptId: "string", credentialStatus: "string",
    resetSecretOnAdopt: "boolean", verifyCredentials: "boolean",
  },
  secret: {
    orgId: "string", groupId: "string", appId: "string", installId: "string", clientId: "string", secret: "string",
    previousSecret: "string", mintedAt: "string", secretStatus: "string", rotationTriggers: "any",
    verifyCredentials: "boolean", recoverWithReplace: "boolean",
  },
} satisfies Record<string, Record<string, FieldKind>>;

/** A resource kind whose state this module reads. */
export type StateKind = keyof typeof FIELDS;

const KIND_NAMES: Record<StateKind, string> = { app: "SnykApp", install: "SnykAppInstall", secret: "SnykAppSecret" };

/** Raised when a resource's state holds a value this version cannot understand. */
export class SnykStateError extends SnykError {
  static override readonly code: string = "STATE_UNREADABLE";

  /** The property at fault. */
  readonly property: string;

  /**
   * @param kind the resource kind
   * @param property the property at fault
   * @param problem what is wrong with it
   */
  constructor(kind: StateKind, property: string, problem: string) {
    super(
      `The state of this ${KIND_NAMES[kind]} holds ${property} ${problem}, which this version cannot understand. ` +
        "Fix the value in the stack's state (`pulumi stack export`, edit, `pulumi stack import`), or remove the resource " +
        "from state with `pulumi state delete <urn>` and adopt the Snyk object again with adoptId.",
    );
    this.property = property;
  }
}

/**
 * The state with every known field in the type this version uses: lists stored as a string
 * (JSON or comma-separated) become lists, numbers and booleans stored as text become numbers and
 * booleans, nulls are dropped. Unknown fields are kept as they are.
 *
 * @throws SnykStateError naming the property when a value cannot be understood
 */
export function readOldState<T extends object>(kind: StateKind, state: unknown): T {
  if (state === null || typeof state !== "object" || Array.isArray(state)) {
    throw new SnykStateError(kind, "(the whole state)", `as ${describe(state)}`);
  }
  const fields: Record<string, FieldKind> = FIELDS[kind];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (value === null || value === undefined) continue;
    const field = fields[key];
    out[key] = field === undefined ? value : coerce(kind, key, field, value);
  }
  return out as T;
}

/**
 * `olds` with the given keys, when missing, taken from `news`: a field an older version did not
 * write cannot have changed, so it must not propose a replacement. A group of alternatives (an
 * install's `orgId` or `groupId`) is taken only when every key of the group is missing: one of
 * them being absent is normal.
 */
export function withMissingFrom<T extends object>(olds: T, news: object, keys: ReadonlyArray<string | readonly string[]>): T {
  const out: Record<string, unknown> = { ...(olds as Record<string, unknown>) };
  for (const entry of keys) {
    const group = typeof entry === "string" ? [entry] : entry;
    if (group.some((key) => out[key] !== undefined)) continue;
    for (const key of group) {
      const next = (news as Record<string, unknown>)[key];
      if (next !== undefined) out[key] = next;
    }
  }
  return out as T;
}

/**
 * Checks that the state says where the Snyk object lives, before a call that needs it.
 *
 * @param oneOf groups of properties; each group needs at least one of its properties set
 * @throws SnykStateError naming the missing property
 */
export function requireInState(kind: StateKind, state: object, ...oneOf: string[][]): void {
  for (const group of oneOf) {
    if (!group.some((key) => typeof (state as Record<string, unknown>)[key] === "string" && (state as Record<string, string>)[key] !== "")) {
      throw new SnykStateError(kind, group.join(" or "), "missing");
    }
  }
}

function coerce(kind: StateKind, key: string, field: FieldKind, value: unknown): unknown {
  const fail = (): never => { throw new SnykStateError(kind, key, `as ${describe(value)}`); };
  switch (field) {
    case "any":
      return value;
    case "string":
      return typeof value === "string" ? value : fail();
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      return typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : fail();
    case "boolean":
      if (typeof value === "boolean") return value;
      return value === "true" ? true : value === "false" ? false : fail();
    case "list":
      return listOf(value) ?? fail();
  }
}

function listOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? [...value] : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text.startsWith("[")) {
    try {
      return listOf(JSON.parse(text));
    } catch {
      return undefined;
    }
  }
  return text.split(",").map((v) => v.trim()).filter((v) => v !== "");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list of non-strings";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
