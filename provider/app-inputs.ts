/** SnykApp's inputs and outputs: their types, the input schema, and the mapping from Snyk's attributes. */
import type { AppAttributes } from "./client";
import { specSchema } from "./spec";
import type { InputSchema } from "./validation/validate-inputs";
import { definedOnly, keepOrder, sameSet } from "./outputs";
import { resetNeedsAdopt } from "./validation/adopt-rules";
import { invalidScopes } from "./validation/scope-rules";
import { insecureRedirectUris } from "./validation/redirect-uri-rules";
import { REPLACE_ON_CHANGES_SCHEMA, ReplaceOnChangesInput } from "./replace-on-changes";

/** The inputs of a SnykApp, after `check`. */
export interface AppInputs extends ReplaceOnChangesInput {
  orgId: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  context: "tenant" | "user";
  accessTokenTtlSeconds?: number;
  adoptId?: string;
  /** With adoptId: replace the adopted app's secrets, so `clientSecret` is known. */
  resetSecretOnAdopt?: boolean;
}

/** The outputs of a SnykApp: Snyk's view of the app plus every input echoed. */
export interface AppOutputs extends AppInputs {
  appId: string;
  clientId: string;
  clientSecret?: string;
  grantType: string;
  isPublic: boolean;
  isConfidential: boolean;
  orgPublicId?: string;
}

/** The input schema of a SnykApp, built from the spec's own component schemas. */
export function appInputSchema(): InputSchema {
  return {
    name: "SnykApp",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["orgId", "name", "redirectUris", "scopes"],
      properties: {
        __provider: { type: "string" },
        orgId: specSchema("Uuid"),
        name: { ...specSchema("AppName"), pattern: "\\S", patternDescription: "must not be blank" },
        redirectUris: { ...specSchema("RedirectUris"), uniqueItems: true },
        scopes: { ...specSchema("Scopes"), uniqueItems: true },
        context: specSchema("Context__0"),
        accessTokenTtlSeconds: { ...specSchema("AccessTokenTtlSeconds"), type: "integer" },
        adoptId: specSchema("Uuid"),
        resetSecretOnAdopt: { type: "boolean" },
        replaceOnChanges: REPLACE_ON_CHANGES_SCHEMA,
      },
    },
    extraRules: (inputs, unknown) => [
      ...resetNeedsAdopt(inputs, unknown, "app"),
      ...invalidScopes(inputs.scopes),
      ...insecureRedirectUris(inputs.redirectUris),
    ],
  };
}

/** The PATCH attributes that take the app from `olds` to `news` (empty when nothing changes). */
export function updatedAttributes(olds: AppInputs, news: AppInputs): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (olds.name !== news.name) attributes.name = news.name;
  if (!sameSet(olds.redirectUris, news.redirectUris)) attributes.redirect_uris = news.redirectUris;
  if (news.accessTokenTtlSeconds !== undefined && olds.accessTokenTtlSeconds !== news.accessTokenTtlSeconds) {
    attributes.access_token_ttl_seconds = news.accessTokenTtlSeconds;
  }
  return attributes;
}

/** The outputs for an app Snyk answered with `attributes`, keeping `previous`'s inputs and list order. */
export function toOutputs(
  previous: Partial<AppInputs> & { orgId: string },
  appId: string,
  attributes: AppAttributes,
  clientSecret: string | undefined,
): AppOutputs {
  return definedOnly({
    orgId: previous.orgId,
    adoptId: previous.adoptId,
    resetSecretOnAdopt: previous.resetSecretOnAdopt,
    replaceOnChanges: previous.replaceOnChanges,
    appId,
    clientId: attributes.client_id ?? (previous as AppOutputs).clientId,
    clientSecret,
    name: attributes.name,
    redirectUris: keepOrder(previous.redirectUris, attributes.redirect_uris ?? []),
    scopes: keepOrder(previous.scopes, attributes.scopes),
    context: attributes.context,
    accessTokenTtlSeconds: attributes.access_token_ttl_seconds,
    grantType: attributes.grant_type,
    isPublic: attributes.is_public,
    isConfidential: attributes.is_confidential,
    orgPublicId: attributes.org_public_id,
  }) as AppOutputs;
}

/** The inputs a refreshed app's outputs stand for (what `read` returns as inputs). */
export function inputsOf(outs: AppOutputs): AppInputs {
  return definedOnly({
    orgId: outs.orgId,
    name: outs.name,
    redirectUris: outs.redirectUris,
    scopes: outs.scopes,
    context: outs.context,
    accessTokenTtlSeconds: outs.accessTokenTtlSeconds,
    adoptId: outs.adoptId,
    resetSecretOnAdopt: outs.resetSecretOnAdopt,
    replaceOnChanges: outs.replaceOnChanges,
  });
}
