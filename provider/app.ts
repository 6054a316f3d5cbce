/**
 * SnykApp: an OAuth app created by a Snyk org.
 *
 * | method | Snyk call |
 * | --- | --- |
 * | check  | none (ajv against the spec's constraints) |
 * | diff   | none |
 * | create | GET    /orgs/{org_id}/apps/creations (pages; refuses a duplicate), POST /orgs/{org_id}/apps/creations |
 * |        | (with adoptId: GET + PATCH the existing app, + POST .../secrets {replace} with resetSecretOnAdopt) |
 * | read   | GET    /orgs/{org_id}/apps/creations/{app_id} |
 * | update | PATCH  /orgs/{org_id}/apps/creations/{app_id} |
 * | delete | DELETE /orgs/{org_id}/apps/creations/{app_id} |
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AppAttributes, AppResource, JsonApiDocument, SnykClient } from "./client";
import { SnykNotFoundError, SnykTimeoutError } from "./client";
import { specSchema } from "./spec";
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { definedOnly, keepOrder, sameSet } from "./outputs";
import { recordOnFailure } from "./init-failed";
import { ambiguousCreateError, mayHaveBeenProcessed } from "./ambiguous";
import { manageSecret } from "./secret-target";
import { appPath, appsPath } from "./app-paths";
import { resetNeedsAdopt } from "./validation/adopt-rules";
import { ProviderError } from "./provider-error";

/** The inputs of a SnykApp, after `check`. */
export interface AppInputs {
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

type AppDocument = JsonApiDocument<AppResource>;

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
      },
    },
    extraRules: (inputs, unknown) => resetNeedsAdopt(inputs, unknown, "app"),
  };
}

/** The ResourceProvider of SnykApp, run inside Pulumi's provider host. */
export class AppOperations implements pulumi.dynamic.ResourceProvider {
  private schema?: InputSchema;

  /**
   * @param client returns the shared Snyk client (created on first use, so check needs no token)
   * @param timedOutCreateGraceMs after a create timed out, how long to keep looking for the app
   *   Snyk may still be making, before saying none was made (default 60 s)
   */
  constructor(
    private readonly client: () => SnykClient,
    private readonly timedOutCreateGraceMs = 60_000,
  ) {}

  /** Validates every input against the spec's rules; defaults `context` to `tenant` as Snyk does. */
  async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    this.schema ??= appInputSchema();
    const failures = validateInputs(this.schema, news);
    const inputs = definedOnly({ ...news, context: news.context ?? "tenant" });
    return { inputs, failures };
  }

  /** `orgId`, `scopes` and `context` replace (Snyk cannot change them); the rest update in place. */
  async diff(_id: string, olds: AppOutputs, news: AppInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (olds.orgId !== news.orgId) replaces.push("orgId");
    if (!sameSet(olds.scopes, news.scopes)) replaces.push("scopes");
    if (olds.context !== (news.context ?? "tenant")) replaces.push("context");
    const updates = updatedAttributes(olds, news);
    return { changes: replaces.length > 0 || Object.keys(updates).length > 0, replaces, deleteBeforeReplace: false };
  }

  /** Creates the app with one POST, or adopts an existing one with `adoptId`. */
  async create(inputs: AppInputs): Promise<pulumi.dynamic.CreateResult> {
    if (inputs.adoptId) return this.adopt(inputs, inputs.adoptId);
    await this.refuseDuplicate(inputs);
    const response = await this.post(inputs);
    const app = response.data.data;
    return recordOnFailure(
      app.id,
      () => ({ ...inputs, appId: app.id, clientSecret: app.attributes?.client_secret }),
      async () => ({ id: app.id, outs: toOutputs(inputs, app.id, app.attributes, app.attributes.client_secret) }),
    );
  }

  private async post(inputs: AppInputs) {
    try {
      return await this.client().request<AppDocument>("POST", appsPath(inputs.orgId), {
        body: {
          data: {
            type: "app",
            attributes: definedOnly({
              name: inputs.name,
              redirect_uris: inputs.redirectUris,
              scopes: inputs.scopes,
              context: inputs.context,
              access_token_ttl_seconds: inputs.accessTokenTtlSeconds,
            }),
          },
        },
      });
    } catch (error) {
      if (!mayHaveBeenProcessed(error)) throw error;
      // A timed-out request may still land after we look, so keep looking for a while.
      const graceMs = error instanceof SnykTimeoutError ? this.timedOutCreateGraceMs : 0;
      const candidates = await this.matchingAppsWithin(inputs, graceMs).catch(() => undefined);
      throw ambiguousCreateError(`app "${inputs.name}" in org ${inputs.orgId}`, error as Error, candidates);
    }
  }

  /** Matching apps, looking again with backoff for up to `graceMs` while none shows up. */
  private async matchingAppsWithin(inputs: AppInputs, graceMs: number): Promise<string[]> {
    const search = await this.client().retryUntil(`the timed-out create of app "${inputs.name}" has not landed yet`,
      () => this.matchingApps(inputs), (matches) => matches.length > 0, { timeoutMs: graceMs, baseDelayMs: 250, maxDelayMs: 5_000 });
    return search.value;
  }

  /**
   * An app that matches the declaration exactly is most likely one an interrupted run created
   * (the provider host was killed, or the answer was lost) and Pulumi never recorded: creating
   * another would duplicate it, so name it for adoption instead.
   */
  private async refuseDuplicate(inputs: AppInputs): Promise<void> {
    const matches = await this.matchingApps(inputs);
    if (matches.length === 0) return;
    throw new ProviderError("APP_MATCH_EXISTS",
      `An app matching this declaration (name "${inputs.name}", same redirect URIs, scopes and context) already ` +
        `exists in org ${inputs.orgId}: ${matches.join(", ")}. It may be left by an interrupted run, or made by hand. ` +
        `To manage it, set adoptId: "${matches[matches.length - 1]}" (with resetSecretOnAdopt: true if its secret was ` +
        "lost and nobody uses it yet); to create another app anyway, give it a different name.",
      { advice: { adoptId: matches[matches.length - 1], resetSecretOnAdopt: true } },
    );
  }

  /** Ids of the org's apps that match the declaration exactly (name, redirect URIs, scopes, context). */
  private async matchingApps(inputs: AppInputs): Promise<string[]> {
    const ids: string[] = [];
    for await (const app of this.client().paginate<AppDocument["data"]>(appsPath(inputs.orgId))) {
      const a = app.attributes;
      if (a.name === inputs.name && a.context === inputs.context && sameSet(a.scopes, inputs.scopes) && sameSet(a.redirect_uris ?? [], inputs.redirectUris)) {
        ids.push(app.id);
      }
    }
    return ids;
  }

  /** Reads the app; an app deleted out of band leaves state without an error. */
  async read(id: string, props: AppOutputs): Promise<pulumi.dynamic.ReadResult> {
    let app: AppDocument["data"];
    try {
      app = (await this.client().request<AppDocument>("GET", appPath(props.orgId, id))).data.data;
    } catch (error) {
      if (error instanceof SnykNotFoundError) return {};
      throw error;
    }
    const outs = toOutputs(props, id, app.attributes, props.clientSecret);
    return { id, props: outs, inputs: inputsOf(outs) };
  }

  /** Changes name, redirect URIs and token lifetime with one PATCH; keeps the client secret. */
  async update(id: string, olds: AppOutputs, news: AppInputs): Promise<pulumi.dynamic.UpdateResult> {
    const attributes = updatedAttributes(olds, news);
    if (Object.keys(attributes).length === 0) {
      return { outs: definedOnly({ ...olds, ...news, appId: id }) };
    }
    const response = await this.client().request<AppDocument>("PATCH", appPath(news.orgId, id), {
      body: { data: { type: "app", attributes } },
    });
    return { outs: toOutputs(news, id, response.data.data.attributes, olds.clientSecret) };
  }

  /** Deletes the app (Snyk removes its installs and revokes its credentials); gone already is fine. */
  async delete(id: string, props: AppOutputs): Promise<void> {
    try {
      await this.client().request("DELETE", appPath(props.orgId, id));
    } catch (error) {
      if (!(error instanceof SnykNotFoundError)) throw error;
    }
  }

  private async adopt(inputs: AppInputs, appId: string): Promise<pulumi.dynamic.CreateResult> {
    let existing: AppDocument["data"];
    try {
      existing = (await this.client().request<AppDocument>("GET", appPath(inputs.orgId, appId))).data.data;
    } catch (error) {
      if (error instanceof SnykNotFoundError) {
        throw new ProviderError("ADOPT_NOT_FOUND", `adoptId: Snyk has no app ${appId} in org ${inputs.orgId} to adopt (404). Check both ids.`, { cause: error });
      }
      throw error;
    }
    const current = toOutputs(inputs, appId, existing.attributes, undefined);
    if (!sameSet(current.scopes, inputs.scopes) || current.context !== inputs.context) {
      throw new ProviderError("ADOPT_MISMATCH",
        `adoptId: app ${appId} has scopes [${current.scopes.join(", ")}] and context "${current.context}", ` +
          `but the program declares [${inputs.scopes.join(", ")}] and "${inputs.context}". Snyk cannot change ` +
          "scopes or context: declare the app's current values to adopt it, or drop adoptId to create a new app.",
      );
    }
    const attributes = updatedAttributes(current, inputs);
    let outs = current;
    if (Object.keys(attributes).length > 0) {
      const patched = await this.client().request<AppDocument>("PATCH", appPath(inputs.orgId, appId), {
        body: { data: { type: "app", attributes } },
      });
      outs = toOutputs(inputs, appId, patched.data.data.attributes, undefined);
    }
    if (!inputs.resetSecretOnAdopt) return { id: appId, outs };
    return recordOnFailure(appId, () => outs, async () => {
      const clientSecret = await manageSecret(this.client(), { orgId: inputs.orgId, appId }, "replace");
      return { id: appId, outs: definedOnly({ ...outs, clientSecret }) };
    });
  }
}

/** The PATCH attributes that take the app from `olds` to `news` (empty when nothing changes). */
function updatedAttributes(olds: AppInputs, news: AppInputs): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (olds.name !== news.name) attributes.name = news.name;
  if (!sameSet(olds.redirectUris, news.redirectUris)) attributes.redirect_uris = news.redirectUris;
  if (news.accessTokenTtlSeconds !== undefined && olds.accessTokenTtlSeconds !== news.accessTokenTtlSeconds) {
    attributes.access_token_ttl_seconds = news.accessTokenTtlSeconds;
  }
  return attributes;
}

function toOutputs(
  previous: Partial<AppInputs> & { orgId: string },
  appId: string,
  attributes: AppAttributes,
  clientSecret: string | undefined,
): AppOutputs {
  return definedOnly({
    orgId: previous.orgId,
    adoptId: previous.adoptId,
    resetSecretOnAdopt: previous.resetSecretOnAdopt,
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

function inputsOf(outs: AppOutputs): AppInputs {
  return definedOnly({
    orgId: outs.orgId,
    name: outs.name,
    redirectUris: outs.redirectUris,
    scopes: outs.scopes,
    context: outs.context,
    accessTokenTtlSeconds: outs.accessTokenTtlSeconds,
    adoptId: outs.adoptId,
    resetSecretOnAdopt: outs.resetSecretOnAdopt,
  });
}
