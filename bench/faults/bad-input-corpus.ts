/**
 * The bad-input corpus: inputs that break one rule each, over SnykApp, SnykAppSecret and
 * SnykAppInstall, with the property Check must name and words its reason must hold.
 */
import type { Kind } from "./lab";

/** One bad input. */
export interface BadInput {
  kind: Kind;
  /** The rule broken, for the table. */
  rule: string;
  /** Replaces keys of the kind's valid inputs; `undefined` removes a key. */
  change: Record<string, unknown>;
  /** The property the failure must name. */
  property: string;
  /** What the reason must say. */
  reason: RegExp;
}

const ORG = "00000000-0000-4000-8000-000000000001";
const APP = "00000000-0000-4000-8000-000000000002";
const INSTALL = "00000000-0000-4000-8000-000000000003";
const GROUP = "00000000-0000-4000-8000-000000000004";

/** Valid inputs of each kind, which each case breaks in one way. */
export const VALID: Record<Kind, Record<string, unknown>> = {
  app: { orgId: ORG, name: "CI bot", redirectUris: ["https://ci.example.com/cb"], scopes: ["org.read"], context: "tenant", accessTokenTtlSeconds: 3600 },
  secret: { orgId: ORG, appId: APP, clientId: "client-id", rotationTriggers: { window: "1" } },
  install: { appId: APP, orgId: ORG },
};

const UUID = /must be a UUID/;
const c = (kind: Kind, rule: string, change: Record<string, unknown>, property: string, reason: RegExp): BadInput => ({ kind, rule, change, property, reason });

/** The corpus. */
export const BAD_INPUTS: BadInput[] = [
  // SnykApp: appInputSchema
  c("app", "orgId required", { orgId: undefined }, "orgId", /orgId is required/),
  c("app", "orgId UUID", { orgId: "my-org" }, "orgId", UUID),
  c("app", "orgId string", { orgId: 42 }, "orgId", /of type string/),
  c("app", "name required", { name: undefined }, "name", /name is required/),
  c("app", "name not empty", { name: "" }, "name", /must not be empty|must not be blank/),
  c("app", "name not blank", { name: "   " }, "name", /must not be blank/),
  c("app", "name string", { name: ["CI bot"] }, "name", /of type string/),
  c("app", "redirectUris required", { redirectUris: undefined }, "redirectUris", /redirectUris is required/),
  c("app", "redirectUris at least 1", { redirectUris: [] }, "redirectUris", /at least 1 item/),
  c("app", "redirectUris absolute URI", { redirectUris: ["ci.example.com/cb"] }, "redirectUris", /absolute URI/),
  c("app", "redirectUris no repeats", { redirectUris: ["https://a.example/cb", "https://a.example/cb"] }, "redirectUris", /must not repeat/),
  c("app", "redirectUris array", { redirectUris: "https://a.example/cb" }, "redirectUris", /of type array/),
  c("app", "redirectUris items strings", { redirectUris: [7] }, "redirectUris", /of type string/),
  c("app", "scopes required", { scopes: undefined }, "scopes", /scopes is required/),
  c("app", "scopes at least 1", { scopes: [] }, "scopes", /at least 1 item/),
  c("app", "scopes items not empty", { scopes: [""] }, "scopes", /must not be empty/),
  c("app", "scopes no repeats", { scopes: ["org.read", "org.read"] }, "scopes", /must not repeat/),
  c("app", "scopes array", { scopes: "org.read" }, "scopes", /of type array/),
  c("app", "context enum", { context: "org" }, "context", /one of: "tenant", "user"/),
  c("app", "TTL whole number", { accessTokenTtlSeconds: 3600.5 }, "accessTokenTtlSeconds", /whole number/),
  c("app", "TTL at least 3600", { accessTokenTtlSeconds: 60 }, "accessTokenTtlSeconds", /between 3600 and 86400/),
  c("app", "TTL at most 86400", { accessTokenTtlSeconds: 86401 }, "accessTokenTtlSeconds", /between 3600 and 86400/),
  c("app", "TTL number", { accessTokenTtlSeconds: "3600" }, "accessTokenTtlSeconds", /whole number|of type number/),
  c("app", "adoptId UUID", { adoptId: "app-1" }, "adoptId", UUID),
  c("app", "unknown input", { clientSecret: "x" }, "clientSecret", /not an input of this resource/),
  c("app", "misspelt input", { redirectUri: ["https://a.example/cb"] }, "redirectUri", /not an input of this resource/),
  // SnykAppSecret: schema and targetRules
  c("secret", "appId UUID", { appId: "not-a-uuid" }, "appId", UUID),
  c("secret", "orgId UUID", { orgId: "org" }, "orgId", UUID),
  c("secret", "installId UUID", { appId: undefined, installId: "x" }, "installId", UUID),
  c("secret", "groupId UUID", { appId: undefined, orgId: undefined, installId: INSTALL, groupId: "g" }, "groupId", UUID),
  c("secret", "one of appId / installId: neither", { appId: undefined }, "appId", /exactly one of appId .* and installId/),
  c("secret", "one of appId / installId: both", { installId: INSTALL }, "appId", /exactly one of appId .* and installId/),
  c("secret", "orgId required with appId", { orgId: undefined }, "orgId", /orgId is required with appId/),
  c("secret", "no groupId with appId", { groupId: GROUP }, "groupId", /groupId cannot be set with appId/),
  c("secret", "install needs one owner: neither", { appId: undefined, orgId: undefined, installId: INSTALL }, "orgId", /exactly one of orgId and groupId/),
  c("secret", "install needs one owner: both", { appId: undefined, installId: INSTALL, groupId: GROUP }, "orgId", /exactly one of orgId and groupId/),
  c("secret", "clientId with verifyCredentials", { clientId: undefined, verifyCredentials: true }, "clientId", /clientId is required when verifyCredentials/),
  c("secret", "clientId not empty", { clientId: "" }, "clientId", /must not be empty/),
  c("secret", "currentSecret not empty", { currentSecret: "" }, "currentSecret", /must not be empty/),
  c("secret", "rotationTriggers object", { rotationTriggers: "2026-01" }, "rotationTriggers", /of type object/),
  c("secret", "verifyCredentials boolean", { verifyCredentials: "yes" }, "verifyCredentials", /of type boolean/),
  c("secret", "unknown input", { secret: "x" }, "secret", /not an input of this resource/),
  // SnykAppInstall: schema and exactlyOneOwner
  c("install", "appId required", { appId: undefined }, "appId", /appId is required/),
  c("install", "appId UUID", { appId: "broker" }, "appId", UUID),
  c("install", "orgId UUID", { orgId: "org" }, "orgId", UUID),
  c("install", "groupId UUID", { orgId: undefined, groupId: "grp" }, "groupId", UUID),
  c("install", "adoptId UUID", { adoptId: "install-1" }, "adoptId", UUID),
  c("install", "one owner: neither", { orgId: undefined }, "orgId", /exactly one of orgId .* and groupId/),
  c("install", "one owner: both", { groupId: GROUP }, "groupId", /exactly one of orgId and groupId, not both/),
  c("install", "verifyCredentials boolean", { verifyCredentials: 1 }, "verifyCredentials", /of type boolean/),
  c("install", "unknown input", { clientSecret: "x" }, "clientSecret", /not an input of this resource/),
];

/** The kind's valid inputs with the case's change applied. */
export function inputsOf(bad: BadInput): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...VALID[bad.kind] };
  for (const [key, value] of Object.entries(bad.change)) {
    if (value === undefined) delete inputs[key];
    else inputs[key] = value;
  }
  return inputs;
}
