/**
 * SnykAppInstall: an app installed into an org or a group, with its own client credentials.
 *
 * | method | Snyk call |
 * | --- | --- |
 * | check  | none |
 * | diff   | none |
 * | create | POST   /{orgs|groups}/{id}/apps/installs (installed_at and the app name come with the first refresh) |
 * | read   | GET    /{orgs|groups}/{id}/apps/installs?expand=app, every page once per run, shared (run-cache.ts) |
 * | update | none (only verifyCredentials can change in place; secrets rotate with SnykAppSecret) |
 * | delete | DELETE /{orgs|groups}/{id}/apps/installs/{install_id} |
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SnykClient } from "./client";
import { SnykError, SnykNotFoundError } from "./client";
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { definedOnly, sameJson } from "./outputs";
import { holdId, isHeld } from "./held-this-run";
import { containsUnknown } from "./validation/unknown";
import { forcedReplacements } from "./replace-on-changes";
import { resetPending, verificationPending } from "./resume";
import { recordOnFailure } from "./init-failed";
import { manageSecret } from "./secret-target";
import { InstallOwner, describeOwner, installPath, installsPath } from "./install-owner";
import { findInstallWhere } from "./install-lookup";
import { RunCache } from "./run-cache";
import { ProviderError } from "./provider-error";
import { VerifyOptions, checkCredentials, waitUntilCredentialsWork } from "./verify-credentials";
import { createdInstallResource } from "./answer-shape";
import { readOldState, requireInState, withMissingFrom } from "./old-state";
import { AppInstallInputs, AppInstallOutputs, appInstallInputSchema, fromListItem, installInputsOf } from "./app-install-inputs";
import { installFailure } from "./install-failure";

/** The shape of SnykAppInstall's inputs and outputs and its input schema (in app-install-inputs.ts). */
export { AppInstallInputs, AppInstallOutputs, appInstallInputSchema } from "./app-install-inputs";

interface InstallCreated {
  data: { id: string; attributes: { client_id: string; client_secret: string } };
}

const REPLACING = ["appId", "orgId", "groupId"] as const;

/** The ResourceProvider of SnykAppInstall, run inside Pulumi's provider host. */
export class AppInstallOperations implements pulumi.dynamic.ResourceProvider {
  private schema?: InputSchema;

  /**
   * @param client returns the shared Snyk client
   * @param verify how long credential checks retry
   * @param run what this run has listed already (one per provider host; see run-cache.ts)
   */
  constructor(
    private readonly client: () => SnykClient,
    private readonly verify: VerifyOptions = {},
    private readonly run: RunCache = new RunCache(client),
  ) {}

  /** Validates ids and that exactly one of orgId and groupId is set, before any API call. */
  async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    this.schema ??= appInstallInputSchema();
    // The program declares an install adopting this id in this run: no Delete may remove it (see held-this-run).
    if (typeof news.adoptId === "string" && !containsUnknown(news.adoptId)) holdId("app-install", news.adoptId);
    return { inputs: definedOnly({ ...news }), failures: validateInputs(this.schema, news) };
  }

  /** Another app, org or group replaces the install; nothing else changes Snyk. */
  async diff(_id: string, olds: AppInstallOutputs, news: AppInstallInputs): Promise<pulumi.dynamic.DiffResult> {
    olds = withMissingFrom(readOldState<AppInstallOutputs>("install", olds), news, ["appId", ["orgId", "groupId"]]);
    // An unknown app id means the app is being replaced (the SDK hands over the app's resource id,
    // which stays known in a preview of an in-place update), so the install is replaced too.
    const replaces: string[] = REPLACING.filter((key) => (olds[key] ?? undefined) !== (news[key] ?? undefined));
    for (const key of forcedReplacements(olds, news)) if (!replaces.includes(key)) replaces.push(key);
    const changes =
      replaces.length > 0 ||
      Boolean(olds.verifyCredentials) !== Boolean(news.verifyCredentials) ||
      // A secret found revoked on refresh is drift, so `pulumi refresh --expect-no-changes` fails.
      (Boolean(news.verifyCredentials) && olds.credentialStatus === "revoked") ||
      resetPending(olds) ||
      verificationPending(olds.verifyCredentials, olds.clientSecret, olds.credentialStatus) ||
      !sameJson(olds.replaceOnChanges ?? [], news.replaceOnChanges ?? []);
    return { changes, replaces, deleteBeforeReplace: false };
  }

  /** Installs the app with one POST, or adopts an existing install with `adoptId`. */
  async create(inputs: AppInstallInputs): Promise<pulumi.dynamic.CreateResult> {
    if (inputs.adoptId) return this.adopt(inputs, inputs.adoptId);
    const created = await this.install(inputs);
    const id = created.data.id;
    const outs: AppInstallOutputs = definedOnly({
      ...inputs,
      installId: id,
      clientId: created.data.attributes.client_id,
      clientSecret: created.data.attributes.client_secret,
    });
    // Snyk's create answer has no installed_at or app name. They are outputs only (Diff never
    // compares them), so the first refresh records them without reporting drift: no page walk here.
    // Nor is the install folded into this run's listing: a later read walks afresh for what it lacks.
    return recordOnFailure(id, () => outs, async () => ({ id, outs: await this.verified(outs) }));
  }

  /** Finds the install by listing; one removed out of band (or with its app) leaves state. */
  async read(id: string, props: AppInstallOutputs): Promise<pulumi.dynamic.ReadResult> {
    props = readOldState<AppInstallOutputs>("install", props);
    requireInState("install", props, ["orgId", "groupId"]);
    const item = await this.run.findInstall(props, id);
    if (!item) return {};
    let outs = fromListItem(props, item);
    if (outs.verifyCredentials && outs.clientSecret) {
      outs = { ...outs, credentialStatus: await checkCredentials(this.client(), outs.clientId, outs.clientSecret) };
    }
    return { id, props: outs, inputs: installInputsOf(outs) };
  }

  /** Only `verifyCredentials` changes in place; turning it on verifies the current secret. */
  async update(id: string, olds: AppInstallOutputs, news: AppInstallInputs): Promise<pulumi.dynamic.UpdateResult> {
    olds = readOldState<AppInstallOutputs>("install", olds);
    if (olds.adoptId === id) holdId("app-install", id);
    let outs: AppInstallOutputs = definedOnly({
      ...olds,
      ...news,
      replaceOnChanges: news.replaceOnChanges,
      credentialStatus: news.verifyCredentials ? olds.credentialStatus : undefined,
    });
    // An adoption whose secret reset failed was recorded with its init error: finish it now.
    const resetting = resetPending(olds);
    const verifying = news.verifyCredentials && (!olds.verifyCredentials || verificationPending(olds.verifyCredentials, olds.clientSecret, olds.credentialStatus));
    if (!resetting && !verifying) {
      if (news.verifyCredentials && olds.credentialStatus === "revoked" && outs.clientSecret) {
        // Drift found by refresh: record whether the secret works now; rotate it with a SnykAppSecret.
        outs = { ...outs, credentialStatus: await checkCredentials(this.client(), outs.clientId, outs.clientSecret) };
      }
      return { outs };
    }
    return recordOnFailure(id, () => outs, async () => {
      if (resetting) outs = definedOnly({ ...outs, clientSecret: await this.resetSecret(news, id), credentialStatus: undefined });
      return { outs: await this.verified(outs) };
    });
  }

  /** Uninstalls; an install already gone is fine. */
  async delete(id: string, props: AppInstallOutputs): Promise<void> {
    // The old URN of an install the stack still manages (adopted by a renamed or replaced resource).
    if (isHeld("app-install", id)) return;
    props = readOldState<AppInstallOutputs>("install", props);
    requireInState("install", props, ["orgId", "groupId"]);
    try {
      await this.client().request("DELETE", installPath(props, id));
    } catch (error) {
      if (!(error instanceof SnykNotFoundError)) throw error;
    }
    this.run.installsOf(props).noteDeleted(id);
  }

  private async install(inputs: AppInstallInputs): Promise<InstallCreated> {
    try {
      const response = await this.client().request<InstallCreated>("POST", installsPath(inputs), {
        body: { data: { type: "app_install" }, relationships: { app: { data: { id: inputs.appId, type: "app" } } } },
      });
      // An answer without the new install is handled as a lost one: look for the install and name it.
      createdInstallResource(response, { method: "POST", path: installsPath(inputs) });
      return response.data;
    } catch (error) {
      throw await installFailure(error, inputs, () => this.installOfApp(inputs));
    }
  }

  private async installOfApp(owner: AppInstallInputs): Promise<string | undefined> {
    return (await findInstallWhere(this.client(), owner, (item) => item.relationships?.app?.data?.id === owner.appId))?.id;
  }

  private async adopt(inputs: AppInstallInputs, installId: string): Promise<pulumi.dynamic.CreateResult> {
    holdId("app-install", installId);
    const item = await this.run.findInstall(inputs, installId);
    if (!item) throw new ProviderError("ADOPT_NOT_FOUND", `adoptId: Snyk has no install ${installId} in ${describeOwner(inputs)} to adopt. Check both ids.`);
    const installedApp = item.relationships?.app?.data?.id;
    if (installedApp && installedApp !== inputs.appId) {
      throw new ProviderError("ADOPT_MISMATCH", `adoptId: install ${installId} is of app ${installedApp}, but the program declares appId ${inputs.appId}.`);
    }
    const outs = fromListItem({ ...inputs, installId, clientId: item.attributes.client_id ?? "" }, item);
    if (!inputs.resetSecretOnAdopt) return { id: installId, outs };
    return recordOnFailure(installId, () => outs, async () => {
      const clientSecret = await this.resetSecret(inputs, installId);
      return { id: installId, outs: await this.verified(definedOnly({ ...outs, clientSecret })) };
    });
  }

  private async resetSecret(owner: InstallOwner, installId: string): Promise<string> {
    const secret = await manageSecret(this.client(), { orgId: owner.orgId, groupId: owner.groupId, installId }, "replace");
    if (!secret) throw new SnykError(`Snyk replaced the secrets of install ${installId} but did not return the new one`);
    return secret;
  }

  private async verified(outs: AppInstallOutputs): Promise<AppInstallOutputs> {
    if (!outs.verifyCredentials || !outs.clientSecret) return outs;
    await waitUntilCredentialsWork(this.client(), outs.clientId, outs.clientSecret, this.verify);
    return { ...outs, credentialStatus: "valid" };
  }
}
