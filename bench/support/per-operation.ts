/**
 * HTTP requests per operation for each resource kind, against the minimum possible, counted in
 * the emulator's request log while Pulumi's real provider host runs each operation.
 */
import { startHostFixture, HostFixture } from "../../tests/provider/host-fixture";
import { SnykClient } from "../../provider/client";
import { PropertyMap } from "../../tests/support/provider-host";
import { PAGE_LIMIT } from "../../provider/client";

/** One operation's count. */
export interface OperationCount {
  resource: "SnykApp" | "SnykAppSecret" | "SnykAppInstall";
  operation: string;
  requests: number;
  minimum: number;
  /** Why the minimum is what it is, when it is not 1. */
  why?: string;
  /**
   * Requests beyond the minimum that the design spends on purpose, and what they buy; such a row
   * is "BY DESIGN", not "PASS", so the table never hides them.
   */
  byDesign?: { extra: number; why: string };
  verdict: "PASS" | "BY DESIGN" | "FAIL";
}

/** Installs made in the group to time a read that has to page (the read looks for the one at {@link PAGED_POSITION}). */
export const PAGED_INSTALLS = 320;
/** The 1-based position, in the list, of the install read in the paging case. */
export const PAGED_POSITION = 251;

/** Counts every operation of every kind on a fresh emulator and provider host. */
export async function countOperations(): Promise<OperationCount[]> {
  const f = await startHostFixture();
  const rows: OperationCount[] = [];
  const count: Count = async (resource, operation, minimum, run, why, byDesign) => {
    f.emulator.admin.clearLog();
    const result = await run();
    const requests = f.emulator.admin.requestLog.length;
    const verdict = requests <= minimum ? "PASS" : byDesign && requests <= minimum + byDesign.extra ? "BY DESIGN" : "FAIL";
    rows.push({ resource, operation, requests, minimum, ...(why ? { why } : {}), ...(byDesign ? { byDesign } : {}), verdict });
    return result;
  };
  try {
    const org = f.emulator.orgId;
    const appInputs = { orgId: org, name: "Per-op app", redirectUris: ["https://bench.example/cb"], scopes: ["org.read"] };
    const app = await count("SnykApp", "create", 1, () => f.create("app", "app", appInputs), undefined, {
      extra: 1,
      why: "+1 page of the org's apps per 100: refuses an exact duplicate left by an interrupted run (killed pipeline, lost answer)",
    });
    await count("SnykApp", "check + diff", 0, async () => {
      const checked = await f.host.check(f.urn("app", "app"), app.inputs, f.withProvider("app", appInputs));
      await f.host.diff(app.id, f.urn("app", "app"), app.outputs, checked.inputs, app.inputs);
    });
    await count("SnykApp", "read", 1, () => f.host.read(app.id, f.urn("app", "app"), app.outputs, app.inputs));
    const renamed = await count("SnykApp", "update", 1, () => f.update("app", "app", app.id, app.outputs, { ...appInputs, name: "Renamed" }));
    await countSecret(f, count, org, app.id, String(app.outputs.clientId), String(app.outputs.clientSecret));
    await count("SnykApp", "delete", 1, () => f.host.delete(app.id, f.urn("app", "app"), renamed.outputs));
    await countInstall(f, count, org);
    return rows;
  } finally {
    await f.stop();
  }
}

type Count = <T>(
  resource: OperationCount["resource"],
  operation: string,
  minimum: number,
  run: () => Promise<T>,
  why?: string,
  byDesign?: OperationCount["byDesign"],
) => Promise<T>;

async function countSecret(f: HostFixture, count: Count, orgId: string, appId: string, clientId: string, currentSecret: string): Promise<void> {
  const urn = f.urn("secret", "secret");
  const inputs = { orgId, appId, clientId, currentSecret, rotationTriggers: { window: 1 } };
  const secret = await count("SnykAppSecret", "create", 1, () => f.create("secret", "secret", inputs));
  await count("SnykAppSecret", "read", 1, () => f.host.read(secret.id, urn, secret.outputs, secret.inputs));
  const rotated = await count(
    "SnykAppSecret",
    "rotate",
    2,
    () => f.update("secret", "secret", secret.id, secret.outputs, { ...inputs, rotationTriggers: { window: 2 } }),
    "delete the oldest secret, then create one: Snyk holds at most 2, and `replace` would stop the one in use",
  );
  await count("SnykAppSecret", "delete", 1, () => f.host.delete(secret.id, urn, rotated.outputs));
}

async function countInstall(f: HostFixture, count: Count, orgId: string): Promise<void> {
  const urn = f.urn("install", "install");
  const appId = f.emulator.admin.createClientCredentialsApp({ name: "per-op install" }).appId;
  const inputs = { appId, orgId };
  const install = await count("SnykAppInstall", "create", 1, () => f.create("install", "install", inputs), undefined, {
    extra: 1,
    why: "+ the install list up to the new install: installed_at and the app name, which the create answer lacks (else the first refresh reports drift)",
  });
  await count("SnykAppInstall", "read (1st page)", 1, () => f.host.read(install.id, urn, install.outputs, install.inputs), "no GET of one install: list, stop at its page");
  const verified = await count(
    "SnykAppInstall",
    "update (verifyCredentials on)",
    1,
    () => f.update("install", "install", install.id, install.outputs, { ...inputs, verifyCredentials: true }),
    "the only in-place change; one client_credentials exchange",
  );
  await count("SnykAppInstall", "delete", 1, () => f.host.delete(install.id, urn, verified.outputs));

  const paged = await pagedInstall(f);
  const position = f.emulator.admin.listInstalls().filter((i) => i.groupId === f.emulator.groupId).findIndex((i) => i.id === paged.id) + 1;
  const pages = Math.ceil(position / PAGE_LIMIT);
  await count(
    "SnykAppInstall",
    `read (#${position} of ${PAGED_INSTALLS})`,
    pages,
    () => f.host.read(paged.id, paged.urn, paged.outputs),
    `pages of ${PAGE_LIMIT} up to the one holding it`,
  );
}

/** Makes {@link PAGED_INSTALLS} installs in the group (outside the count) and returns the one at {@link PAGED_POSITION}. */
async function pagedInstall(f: HostFixture): Promise<{ id: string; urn: string; outputs: PropertyMap }> {
  const snyk = new SnykClient({ token: f.emulator.token, apiUrl: f.emulator.url, maxConcurrency: 1 });
  const ids: string[] = [];
  for (let i = 0; i < PAGED_INSTALLS; i++) {
    const app = f.emulator.admin.createClientCredentialsApp({ name: `paged-${i}` });
    const response = await snyk.request<{ data: { id: string } }>("POST", `/groups/${f.emulator.groupId}/apps/installs`, {
      body: { data: { type: "app_install" }, relationships: { app: { data: { id: app.appId, type: "app" } } } },
    });
    ids.push(response.data.data.id);
  }
  const id = ids[PAGED_POSITION - 1];
  const outputs = f.withProvider("install", { appId: "unused", groupId: f.emulator.groupId, installId: id, clientId: "unused" });
  return { id, urn: f.urn("install", "paged"), outputs };
}
