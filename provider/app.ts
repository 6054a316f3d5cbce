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
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { definedOnly, sameJson, sameSet } from "./outputs";
import { recordOnFailure } from "./init-failed";
import { ambiguousCreateError, mayHaveBeenProcessed } from "./ambiguous";
import { resetAppSecret } from "./secret-target";
import { appPath, appsPath } from "./app-paths";
import { appResource, createdAppResource } from "./answer-shape";
import { readOldState, requireInState, withMissingFrom } from "./old-state";
import { holdId, isHeld } from "./held-this-run";
import { containsUnknown } from "./validation/unknown";
import { forcedReplacements } from "./replace-on-changes";
import { resetPending } from "./resume";
import { RunCache, withoutSecret } from "./run-cache";
import { ProviderError } from "./provider-error";
import { AppInputs, AppOutputs, appInputSchema, inputsOf, toOutputs, updatedAttributes } from "./app-inputs";
import { declaredApp, matchingAppsWithin, refuseDuplicate } from "./app-duplicate-guard";
export { AppInputs, AppOutputs, appInputSchema } from "./app-inputs";

type AppDocument = JsonApiDocument<AppResource>;

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
    await refuseDuplicate(this.run, inputs);
    const response = await this.post(inputs);
    const app = response.data.data;
    this.run.appsOf(inputs.orgId).noteCreated(withoutSecret(app));
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
      const candidates = await matchingAppsWithin(this.client(), inputs, graceMs).catch(() => undefined);
      // Found by a fresh walk: a later create in this run must see them (and refuse a copy).
      for (const id of candidates ?? []) this.run.appsOf(inputs.orgId).noteCreated(declaredApp(id, inputs));
      throw ambiguousCreateError(`app "${inputs.name}" in org ${inputs.orgId}`, error as Error, candidates);
    }
  }

  /** Reads the app; an app deleted out of band leaves state without an error. */
  async read(id: string, props: AppOutputs): Promise<pulumi.dynamic.ReadResult> {
    props = readOldState<AppOutputs>("app", props);
    requireInState("app", props, ["orgId"]);
    const app = await this.run.readApp(props.orgId, id);
    if (!app) return {};
    const outs = toOutputs(props, id, app.attributes as AppAttributes, props.clientSecret);
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
      this.run.appsOf(news.orgId).noteCreated(withoutSecret(patched));
    }
    // An adoption whose secret reset failed was recorded with its init error; finish it now.
    if (!resetPending(olds)) return { outs };
    return recordOnFailure(id, () => outs, async () => ({ outs: definedOnly({ ...outs, clientSecret: await resetAppSecret(this.client(), news.orgId, id) }) }));
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
      outs: definedOnly({ ...outs, clientSecret: await resetAppSecret(this.client(), inputs.orgId, appId) }),
    }));
  }
}
