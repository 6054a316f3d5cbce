/**
 * Secrets revoked or not yet working, with verifyCredentials on: a refresh must report a revoked
 * secret and the next up must rotate to one that works; a slow-to-activate secret must be waited
 * for, and one that never activates in time must still be recorded in state.
 */
import { SnykClient } from "../../../provider/client";
import type { FaultLab } from "../lab";
import { LAB_VERIFY_TIMEOUT_MS } from "../lab";
import { Scenario } from "../scenario";
import { actThenRerun } from "../user-flow";
import { nothingLost, trackedByStack } from "../verdict";

/** Someone regenerates every secret of an app or install in the Snyk UI (mode: replace). */
async function replaceOutOfBand(lab: FaultLab, path: string): Promise<void> {
  const client = new SnykClient({ token: lab.emulator.token, apiUrl: lab.emulator.url });
  const res = await client.request<{ data: { attributes: { client_secret: string } } }>("POST", path, {
    body: { data: { type: "app", attributes: { mode: "replace" } } },
  });
  lab.externalSecrets.add(res.data.data.attributes.client_secret);
  lab.secretsSeen.add(res.data.data.attributes.client_secret);
}

/** A verified SnykAppSecret on a new client-credentials app. */
async function verifiedAppSecret(lab: FaultLab, window = "1") {
  const app = lab.admin.listApps().find((a) => a.name === "Verified app") ?? lab.clientCredentialsApp("Verified app");
  const appId = "appId" in app ? app.appId : app.id;
  const current = lab.admin.activeSecrets(appId)[0];
  return lab.stack.apply("secret", "secret", {
    orgId: lab.ids.orgId,
    appId,
    clientId: app.clientId,
    currentSecret: current,
    verifyCredentials: true,
    rotationTriggers: { window },
  });
}

const tokenRequestsRefused = (lab: FaultLab) => lab.admin.requestLog.filter((r) => r.path === "/oauth2/token" && r.status !== 200).length;

/** The revoked-secret and activation scenarios. */
export function revokedScenarios(): Scenario[] {
  return [
    {
      name: "app secrets regenerated in Snyk, refresh, up",
      kind: "revoked secret",
      short: true,
      injected: "POST …/creations/{id}/secrets {mode: replace} by someone else; verifyCredentials on",
      async run(lab) {
        const created = await verifiedAppSecret(lab);
        const revoked = new Set([created.secret as string, created.previousSecret as string]);
        await replaceOutOfBand(lab, `/orgs/${lab.ids.orgId}/apps/creations/${created.appId}/secrets`);
        const refreshed = await lab.attempt(() => lab.stack.refresh("secret"));
        const status = refreshed.ok ? refreshed.value?.secretStatus : undefined;
        const flow = await actThenRerun(lab, () => verifiedAppSecret(lab));
        const after = lab.stack.outputs("secret");
        const problems = nothingLost(lab, trackedByStack(lab), { revoked });
        if (status !== "revoked") problems.push(`refresh said secretStatus ${String(status)}, not "revoked"`);
        if (!flow.firstOk || revoked.has(after.secret as string)) problems.push("up did not rotate to a working secret");
        return { userSaw: `refresh: secretStatus ${String(status)}; up: ${flow.saw}${flow.firstOk ? `, secretStatus ${String(after.secretStatus)}` : ""}`, problems };
      },
    },
    {
      name: "install secrets regenerated in Snyk, refresh, rotate",
      kind: "revoked secret",
      short: false,
      injected: "POST /orgs/{org}/apps/installs/{id}/secrets {mode: replace} by someone else; verifyCredentials on",
      async run(lab) {
        const installed = await lab.stack.apply("install", "install", lab.installInputs("org", { verifyCredentials: true }));
        const revoked = new Set([installed.clientSecret as string]);
        await replaceOutOfBand(lab, `/orgs/${lab.ids.orgId}/apps/installs/${installed.installId}/secrets`);
        const refreshed = await lab.attempt(() => lab.stack.refresh("install"));
        const status = refreshed.ok ? refreshed.value?.credentialStatus : undefined;
        const flow = await actThenRerun(lab, () => lab.stack.apply("secret", "secret", lab.installSecretInputs("install", { verifyCredentials: true })));
        const problems = nothingLost(lab, trackedByStack(lab), { revoked });
        if (status !== "revoked") problems.push(`refresh said credentialStatus ${String(status)}, not "revoked"`);
        if (!flow.firstOk) problems.push("a SnykAppSecret on the install did not mint a working secret");
        return { userSaw: `refresh: credentialStatus ${String(status)}; SnykAppSecret: ${flow.saw}`, problems };
      },
    },
    {
      name: "new secrets take 1.5 s to work, verification waits",
      kind: "revoked secret",
      short: true,
      injected: "setSecretActivationDelay(1500); verifyCredentials on",
      async run(lab) {
        lab.clientCredentialsApp("Verified app");
        lab.admin.setSecretActivationDelay(1500);
        const flow = await actThenRerun(lab, () => verifiedAppSecret(lab));
        const problems = nothingLost(lab, trackedByStack(lab));
        if (!flow.firstOk) problems.push("verification did not wait for the secret to activate");
        const saw = flow.firstOk ? `ok after ${tokenRequestsRefused(lab)} refused exchanges, secretStatus ${String(lab.stack.outputs("secret").secretStatus)}` : flow.saw;
        return { userSaw: saw, problems };
      },
    },
    {
      name: "new secret not working within verifyTimeoutMs",
      kind: "revoked secret",
      short: false,
      injected: `setSecretActivationDelay(${LAB_VERIFY_TIMEOUT_MS + 2000}) > snyk:verifyTimeoutMs ${LAB_VERIFY_TIMEOUT_MS}`,
      async run(lab) {
        lab.clientCredentialsApp("Verified app");
        lab.admin.setSecretActivationDelay(LAB_VERIFY_TIMEOUT_MS + 2000);
        const flow = await actThenRerun(lab, () => verifiedAppSecret(lab));
        const problems = nothingLost(lab, trackedByStack(lab));
        if (flow.firstOk) problems.push("verification passed a secret that did not work");
        if (!lab.stack.records.has("secret")) problems.push("the minted secret was not recorded in state");
        if (!flow.finalOk) problems.push("running again did not recover");
        return { userSaw: flow.saw, problems };
      },
    },
  ];
}
