/**
 * SnykAppInstall: an app installed into an org or a group, with its own client credentials.
 *
 * | method | Snyk call |
 * | --- | --- |
 * | check  | none |
 * | diff   | none |
 * | create | POST   /{orgs|groups}/{id}/apps/installs, then the list pages up to the new install (for installed_at and the app name) |
 * | read   | GET    /{orgs|groups}/{id}/apps/installs?expand=app, pages up to the one holding the install |
 * | update | none (only verifyCredentials can change in place; secrets rotate with SnykAppSecret) |
 * | delete | DELETE /{orgs|groups}/{id}/apps/installs/{install_id} |
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SnykClient } from "./client";
import { SnykBadRequestError, SnykConflictError, SnykNotFoundError } from "./client";
import { specSchema } from "./spec";
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { CheckFailure } from "./validation/check-failure";
import { definedOnly } from "./outputs";
import { knownChanges } from "./validation/unknown";
import { recordOnFailure } from "./init-failed";
import { ambiguousCreateError, mayHaveBeenProcessed } from "./ambiguous";
import { manageSecret } from "./secret-target";
import { InstallOwner, describeOwner, installPath, installsPath } from "./install-owner";
import { InstallListItem, findInstall, findInstallWhere } from "./install-lookup";
import { resetNeedsAdopt } from "./validation/adopt-rules";
import { ProviderError } from "./provider-error";
import { CredentialStatus, VerifyOptions, checkCredentials, waitUntilCredentialsWork } from "./verify-credentials";

/** The inputs of a SnykAppInstall, after `check`. */
export interface AppInstallInputs extends InstallOwner {
  appId: string;
  adoptId?: string;
  /** With adoptId: replace the adopted install's secrets, so `clientSecret` is known. */
  resetSecretOnAdopt?: boolean;
  verifyCredentials?: boolean;
}

/** The outputs of a SnykAppInstall. */
export interface AppInstallOutputs extends AppInstallInputs {
  installId: string;
  clientId: string;
  clientSecret?: string;
  installedAt?: string;
  appName?: string;
  /** With verifyCredentials: whether the install's secret worked at the last create or refresh. */
  credentialStatus?: CredentialStatus;
}

interface InstallCreated {
  data: { id: string; attributes: { client_id: string; client_secret: string } };
}

const REPLACING = ["appId", "orgId", "groupId"] as const;

/** The input schema of a SnykAppInstall and its rule across properties. */
export function appInstallInputSchema(): InputSchema {
  const uuid = specSchema("Uuid");
  return {
    name: "SnykAppInstall",
    schema: {
      type: "object",
      additionalProperties: false,
      required: ["appId"],
      properties: {
        __provider: { type: "string" },
        appId: uuid,
        orgId: uuid,
        groupId: uuid,
        adoptId: uuid,
        resetSecretOnAdopt: { type: "boolean" },
        verifyCredentials: { type: "boolean" },
      },
    },
    extraRules: installRules,
  };
}

function installRules(inputs: Record<string, unknown>, unknown: Set<string>): CheckFailure[] {
  return [...exactlyOneOwner(inputs, unknown), ...resetNeedsAdopt(inputs, unknown, "install")];
}

function exactlyOneOwner(inputs: Record<string, unknown>, unknown: Set<string>): CheckFailure[] {
  const org = inputs.orgId !== undefined || unknown.has("orgId");
  const group = inputs.groupId !== undefined || unknown.has("groupId");
  if (org && group) {
    return [{ property: "groupId", reason: "set exactly one of orgId and groupId, not both: an install lives in one org or one group" }];
  }
  if (!org && !group) {
    return [{ property: "orgId", reason: "set exactly one of orgId (install into an org) and groupId (install into a group)" }];
  }
  return [];
}

/** The ResourceProvider of SnykAppInstall, run inside Pulumi's provider host. */
export class AppInstallOperations implements pulumi.dynamic.ResourceProvider {
  private schema?: InputSchema;

  /**
   * @param client returns the shared Snyk client
   * @param verify how long credential checks retry
   */
  constructor(
    private readonly client: () => SnykClient,
    private readonly verify: VerifyOptions = {},
  ) {}

  /** Validates ids and that exactly one of orgId and groupId is set, before any API call. */
  async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    this.schema ??= appInstallInputSchema();
    return { inputs: definedOnly({ ...news }), failures: validateInputs(this.schema, news) };
  }

  /** Another app, org or group replaces the install; nothing else changes Snyk. */
  async diff(_id: string, olds: AppInstallOutputs, news: AppInstallInputs): Promise<pulumi.dynamic.DiffResult> {
    const moved = REPLACING.filter((key) => (olds[key] ?? undefined) !== (news[key] ?? undefined));
    const replaces = knownChanges(moved, news);
    const changes = moved.length > 0 || Boolean(olds.verifyCredentials) !== Boolean(news.verifyCredentials);
    return { changes, replaces: [...replaces], deleteBeforeReplace: false };
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
    return recordOnFailure(id, () => outs, async () => {
      // Snyk's create answer has no installed_at or app name: read them from the list now, so the
      // first refresh does not report them as drift.
      const listed = await findInstall(this.client(), inputs, id);
      return { id, outs: await this.verified(listed ? fromListItem(outs, listed) : outs) };
    });
  }

  /** Finds the install by listing; one removed out of band (or with its app) leaves state. */
  async read(id: string, props: AppInstallOutputs): Promise<pulumi.dynamic.ReadResult> {
    const item = await findInstall(this.client(), props, id);
    if (!item) return {};
    let outs = fromListItem(props, item);
    if (outs.verifyCredentials && outs.clientSecret) {
      outs = { ...outs, credentialStatus: await checkCredentials(this.client(), outs.clientId, outs.clientSecret) };
    }
    const inputs = definedOnly({
      appId: outs.appId,
      orgId: outs.orgId,
      groupId: outs.groupId,
      adoptId: outs.adoptId,
      resetSecretOnAdopt: outs.resetSecretOnAdopt,
      verifyCredentials: outs.verifyCredentials,
    });
    return { id, props: outs, inputs };
  }

  /** Only `verifyCredentials` changes in place; turning it on verifies the current secret. */
  async update(_id: string, olds: AppInstallOutputs, news: AppInstallInputs): Promise<pulumi.dynamic.UpdateResult> {
    const outs: AppInstallOutputs = definedOnly({ ...olds, ...news, credentialStatus: news.verifyCredentials ? olds.credentialStatus : undefined });
    return { outs: news.verifyCredentials && !olds.verifyCredentials ? await this.verified(outs) : outs };
  }

  /** Uninstalls; an install already gone is fine. */
  async delete(id: string, props: AppInstallOutputs): Promise<void> {
    try {
      await this.client().request("DELETE", installPath(props, id));
    } catch (error) {
      if (!(error instanceof SnykNotFoundError)) throw error;
    }
  }

  private async install(inputs: AppInstallInputs): Promise<InstallCreated> {
    try {
      const response = await this.client().request<InstallCreated>("POST", installsPath(inputs), {
        body: { data: { type: "app_install" }, relationships: { app: { data: { id: inputs.appId, type: "app" } } } },
      });
      return response.data;
    } catch (error) {
      if (mayHaveBeenProcessed(error)) {
        const existing = await this.installOfApp(inputs).then(
          (id) => (id ? [id] : []),
          () => undefined,
        );
        throw ambiguousCreateError(`the install of app ${inputs.appId} into ${describeOwner(inputs)}`, error as Error, existing);
      }
      if (error instanceof SnykConflictError) {
        const existing = await this.installOfApp(inputs).catch(() => undefined);
        throw new ProviderError("INSTALL_EXISTS",
          `appId: app ${inputs.appId} is already installed in ${describeOwner(inputs)}` +
            (existing
              ? ` (install ${existing}); to manage that install, set adoptId: "${existing}" (with resetSecretOnAdopt: true if ` +
                "its secret was lost, e.g. by an interrupted run, and nobody uses it yet)."
              : ".") +
            ` Snyk said: ${error.message}`,
          { cause: error, advice: existing ? { adoptId: existing, resetSecretOnAdopt: true } : {} },
        );
      }
      if (error instanceof SnykBadRequestError) {
        throw new ProviderError("INSTALL_REFUSED",
          `appId: Snyk refused to install app ${inputs.appId} into ${describeOwner(inputs)}. Only apps that use ` +
            "client credentials (unattended authentication, e.g. Snyk's Broker app) can be installed through the API; " +
            `apps that sign users in are installed by a user through the OAuth flow instead. Snyk said: ${error.message}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async installOfApp(owner: AppInstallInputs): Promise<string | undefined> {
    return (await findInstallWhere(this.client(), owner, (item) => item.relationships?.app?.data?.id === owner.appId))?.id;
  }

  private async adopt(inputs: AppInstallInputs, installId: string): Promise<pulumi.dynamic.CreateResult> {
    const item = await findInstall(this.client(), inputs, installId);
    if (!item) throw new ProviderError("ADOPT_NOT_FOUND", `adoptId: Snyk has no install ${installId} in ${describeOwner(inputs)} to adopt. Check both ids.`);
    const installedApp = item.relationships?.app?.data?.id;
    if (installedApp && installedApp !== inputs.appId) {
      throw new ProviderError("ADOPT_MISMATCH", `adoptId: install ${installId} is of app ${installedApp}, but the program declares appId ${inputs.appId}.`);
    }
    const outs = fromListItem({ ...inputs, installId, clientId: item.attributes.client_id ?? "" }, item);
    if (!inputs.resetSecretOnAdopt) return { id: installId, outs };
    return recordOnFailure(installId, () => outs, async () => {
      const clientSecret = await manageSecret(this.client(), { orgId: inputs.orgId, groupId: inputs.groupId, installId }, "replace");
      return { id: installId, outs: await this.verified(definedOnly({ ...outs, clientSecret })) };
    });
  }

  private async verified(outs: AppInstallOutputs): Promise<AppInstallOutputs> {
    if (!outs.verifyCredentials || !outs.clientSecret) return outs;
    await waitUntilCredentialsWork(this.client(), outs.clientId, outs.clientSecret, this.verify);
    return { ...outs, credentialStatus: "valid" };
  }
}

function fromListItem(previous: AppInstallOutputs | (AppInstallInputs & { installId: string; clientId: string }), item: InstallListItem): AppInstallOutputs {
  const app = item.relationships?.app?.data;
  return definedOnly({
    ...previous,
    installId: item.id,
    clientId: item.attributes.client_id ?? previous.clientId,
    installedAt: item.attributes.installed_at ?? (previous as AppInstallOutputs).installedAt,
    appName: app?.attributes?.name ?? (previous as AppInstallOutputs).appName,
  });
}
