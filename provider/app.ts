/**
 * SnykApp: an OAuth app created by a Snyk org.
 *
 * | method | Snyk call |
 * | --- | --- |
 * | check  | none (ajv against the spec's constraints) |
 * | diff   | none |
 * | create | GET    /orgs/{org_id}/apps/creations (pages, once per run: see run-cache.ts; refuses a duplicate), POST /orgs/{org_id}/apps/creations |
 * |        | (with adoptId: GET + PATCH the existing app, + POST .../secrets {replace} with resetSecretOnAdopt) |
 * | read   | GET    /orgs/{org_id}/apps/creations/{app_id} (once per run, shared with the app's SnykAppSecret) |
 * | update | PATCH  /orgs/{org_id}/apps/creations/{app_id} |
 * | delete | DELETE /orgs/{org_id}/apps/creations/{app_id} |
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AppAttributes, AppResource, JsonApiDocument, SnykClient } from "./client";
import { SnykNotFoundError, SnykTimeoutError } from "./client";
import { specSchema } from "./spec";
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { definedOnly, keepOrder, sameJson, sameSet } from "./outputs";
import { recordOnFailure } from "./init-failed";
import { ambiguousCreateError, mayHaveBeenProcessed } from "./ambiguous";
import { manageSecret } from "./secret-target";
import { appPath, appsPath } from "./app-paths";
import { resetNeedsAdopt } from "./validation/adopt-rules";
import { appResource, createdAppResource, listedAppAttributes } from "./answer-shape";
import { readOldState, requireInState, withMissingFrom } from "./old-state";
import { invalidScopes } from "./validation/scope-rules";
import { insecureRedirectUris } from "./validation/redirect-uri-rules";
import { holdId, isHeld } from "./held-this-run";
import { containsUnknown } from "./validation/unknown";
import { REPLACE_ON_CHANGES_SCHEMA, ReplaceOnChangesInput, forcedReplacements } from "./replace-on-changes";
import { duplicateAdvice } from "./duplicate-advice";
import { resetPending } from "./resume";
import { ListedApp, RunCache } from "./run-cache";
import { ProviderError } from "./provider-error";

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

/** The ResourceProvider of SnykApp, run inside Pulumi's provider host. */
export class AppOperations implements pulumi.dynamic.ResourceProvider {
  private schema?: InputSchema;

  /**
   * @param client returns the shared Snyk client (created on first use, so check needs no token)
   * @param timedOutCreateGraceMs after a create timed out, how long to keep looking for the app
   *   Snyk may still be making, before saying none was made (default 60 s)
   * @param run what this run has listed and read already (one per provider host; see run-cache.ts)
   */
  constructor(
    private readonly client: () => SnykClient,
    private readonly timedOutCreateGraceMs = 60_000,
    private readonly run: RunCache = new RunCache(client),
  ) {}

  /** Validates every input against the spec's rules; defaults `context` to `tenant` as Snyk does. */
  async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    this.schema ??= appInputSchema();
    // The program declares an app adopting this id in this run: no Delete may remove it (see held-this-run).
    if (typeof news.adoptId === "string" && !containsUnknown(news.adoptId)) holdId("app", news.adoptId);
    const failures = validateInputs(this.schema, news);
    const inputs = definedOnly({ ...news, context: news.context ?? "tenant" });
    return { inputs, failures };
  }

  /** `orgId`, `scopes` and `context` replace (Snyk cannot change them); the rest update in place. */
  async diff(_id: string, olds: AppOutputs, news: AppInputs): Promise<pulumi.dynamic.DiffResult> {
    olds = withMissingFrom(readOldState<AppOutputs>("app", olds), news, ["orgId", "scopes", "context"]);
    const replaces: string[] = [];
    if (olds.orgId !== news.orgId) replaces.push("orgId");
    if (!sameSet(olds.scopes, news.scopes)) replaces.push("scopes");
    if (olds.context !== (news.context ?? "tenant")) replaces.push("context");
    for (const key of forcedReplacements(olds, news)) if (!replaces.includes(key)) replaces.push(key);
    const updates = updatedAttributes(olds, news);
    const resumes = resetPending(olds);
    const echoes = !sameJson(olds.replaceOnChanges ?? [], news.replaceOnChanges ?? []);
    return { changes: replaces.length > 0 || Object.keys(updates).length > 0 || resumes || echoes, replaces, deleteBeforeReplace: false };
  }

  /** Creates the app with one POST, or adopts an existing one with `adoptId`. */
  async create(inputs: AppInputs): Promise<pulumi.dynamic.CreateResult> {
    if (inputs.adoptId) return this.adopt(inputs, inputs.adoptId);
    await this.refuseDuplicate(inputs);
    const response = await this.post(inputs);
    const app = response.data.data;
    this.run.appsOf(inputs.orgId).noteCreated(listedApp(app.id, app.attributes));
    return recordOnFailure(
      app.id,
      () => ({ ...inputs, appId: app.id, clientSecret: app.attributes?.client_secret }),
      async () => ({ id: app.id, outs: toOutputs(inputs, app.id, app.attributes, app.attributes.client_secret) }),
    );
  }

  private async post(inputs: AppInputs) {
    try {
      const response = await this.client().request<AppDocument>("POST", appsPath(inputs.orgId), {
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
      // An answer without the new app is handled as a lost one: look for the app and name it.
      createdAppResource(response, { method: "POST", path: appsPath(inputs.orgId) });
      return response;
    } catch (error) {
      if (!mayHaveBeenProcessed(error)) throw error;
      // A timed-out request may still land after we look, so keep looking for a while.
      const graceMs = error instanceof SnykTimeoutError ? this.timedOutCreateGraceMs : 0;
      const candidates = await this.matchingAppsWithin(inputs, graceMs).catch(() => undefined);
      // Found by a fresh walk: a later create in this run must see them (and refuse a copy).
      for (const id of candidates ?? []) this.run.appsOf(inputs.orgId).noteCreated(declaredApp(id, inputs));
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
    // The run's shared listing: it was taken after any interrupted run ended, so it holds that run's copy.
    const listed = (await this.run.appsOf(inputs.orgId).items()).filter((app) => matchesDeclaration(app, inputs)).map((app) => app.id);
    const matches = listed.length > 0 ? await this.run.stillExisting(inputs.orgId, listed) : [];
    if (matches.length === 0) return;
    const adoptId = matches[matches.length - 1];
    throw new ProviderError("APP_MATCH_EXISTS",
      `An app matching this declaration (name "${inputs.name}", same redirect URIs, scopes and context) already ` +
        `exists in org ${inputs.orgId}: ${matches.join(", ")}. ` +
        duplicateAdvice(adoptId, "app") +
        " To create another app anyway, give it a different name.",
      { advice: { adoptId, resetSecretOnAdopt: true } },
    );
  }

  /** Ids of the org's apps that match the declaration exactly (name, redirect URIs, scopes, context). */
  private async matchingApps(inputs: AppInputs): Promise<string[]> {
    const ids: string[] = [];
    for await (const app of this.client().paginate<AppDocument["data"]>(appsPath(inputs.orgId))) {
      if (matchesDeclaration(app, inputs)) ids.push(app.id);
    }
    return ids;
  }

  /** Reads the app; an app deleted out of band leaves state without an error. */
  async read(id: string, props: AppOutputs): Promise<pulumi.dynamic.ReadResult> {
    props = readOldState<AppOutputs>("app", props);
    requireInState("app", props, ["orgId"]);
    const app = await this.run.getApp<AppDocument["data"]>(props.orgId, id);
    if (!app) return {};
    const outs = toOutputs(props, id, app.attributes, props.clientSecret);
    return { id, props: outs, inputs: inputsOf(outs) };
  }

  /** Changes name, redirect URIs and token lifetime with one PATCH; keeps the client secret. */
  async update(id: string, olds: AppOutputs, news: AppInputs): Promise<pulumi.dynamic.UpdateResult> {
    olds = readOldState<AppOutputs>("app", olds);
    if (olds.adoptId === id) holdId("app", id);
    const attributes = updatedAttributes(olds, news);
    let outs: AppOutputs = definedOnly({ ...olds, ...news, appId: id, replaceOnChanges: news.replaceOnChanges });
    if (Object.keys(attributes).length > 0) {
      const response = await this.client().request<AppDocument>("PATCH", appPath(news.orgId, id), {
        body: { data: { type: "app", attributes } },
      });
      const patched = appResource<AppDocument["data"]>(response, { method: "PATCH", path: appPath(news.orgId, id) });
      outs = toOutputs(news, id, patched.attributes, olds.clientSecret);
      this.run.forgetApp(news.orgId, id);
      this.run.appsOf(news.orgId).noteCreated(listedApp(id, patched.attributes));
    }
    // An adoption whose secret reset failed was recorded with its init error; finish it now.
    if (!resetPending(olds)) return { outs };
    return recordOnFailure(id, () => outs, async () => ({ outs: definedOnly({ ...outs, clientSecret: await this.resetSecret(news.orgId, id) }) }));
  }

  private async resetSecret(orgId: string, appId: string): Promise<string> {
    const secret = await manageSecret(this.client(), { orgId, appId }, "replace");
    if (!secret) throw new ProviderError("SNYK_MALFORMED_ANSWER", `Snyk replaced the secrets of app ${appId} but did not return the new one`);
    return secret;
  }

  /** Deletes the app (Snyk removes its installs and revokes its credentials); gone already is fine. */
  async delete(id: string, props: AppOutputs): Promise<void> {
    // The old URN of an app the stack still manages (adopted by a renamed or replaced resource).
    if (isHeld("app", id)) return;
    props = readOldState<AppOutputs>("app", props);
    requireInState("app", props, ["orgId"]);
    try {
      await this.client().request("DELETE", appPath(props.orgId, id));
    } catch (error) {
      if (!(error instanceof SnykNotFoundError)) throw error;
    }
    this.run.forgetApp(props.orgId, id);
    this.run.appsOf(props.orgId).noteDeleted(id);
  }

  private async adopt(inputs: AppInputs, appId: string): Promise<pulumi.dynamic.CreateResult> {
    holdId("app", appId);
    let existing: AppDocument["data"];
    try {
      const path = appPath(inputs.orgId, appId);
      existing = appResource(await this.client().request<AppDocument>("GET", path), { method: "GET", path });
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
      outs = toOutputs(inputs, appId, appResource<AppDocument["data"]>(patched, { method: "PATCH", path: appPath(inputs.orgId, appId) }).attributes, undefined);
    }
    if (!inputs.resetSecretOnAdopt) return { id: appId, outs };
    return recordOnFailure(appId, () => outs, async () => ({
      id: appId,
      outs: definedOnly({ ...outs, clientSecret: await this.resetSecret(inputs.orgId, appId) }),
    }));
  }
}

/** True when the app is an exact copy of the declaration (name, redirect URIs, scopes, context). */
function matchesDeclaration(app: ListedApp, inputs: AppInputs): boolean {
  const a = listedAppAttributes<ListedApp["attributes"]>(app, appsPath(inputs.orgId));
  return a.name === inputs.name && a.context === inputs.context && sameSet(a.scopes, inputs.scopes) && sameSet(a.redirect_uris ?? [], inputs.redirectUris);
}

/** An app exactly as declared, for the duplicate guard. */
function declaredApp(id: string, inputs: AppInputs): ListedApp {
  return { id, attributes: { name: inputs.name, context: inputs.context, scopes: inputs.scopes, redirect_uris: inputs.redirectUris } };
}

/** What the duplicate guard keeps of an app this host created or changed (never its secret). */
function listedApp(id: string, a: AppAttributes): ListedApp {
  return { id, attributes: { name: a.name, context: a.context, scopes: a.scopes, redirect_uris: a.redirect_uris } };
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
    replaceOnChanges: outs.replaceOnChanges,
  });
}
