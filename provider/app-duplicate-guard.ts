/**
 * SnykApp's duplicate guard: an app that matches a declaration exactly (name, redirect URIs,
 * scopes, context) is most likely one an interrupted run created (the provider host was killed, or
 * the answer was lost) and Pulumi never recorded; creating another would duplicate it, so it is
 * named for adoption instead.
 */
import type { AppResource, SnykClient } from "./client";
import { appsPath } from "./app-paths";
import { listedAppAttributes } from "./answer-shape";
import { sameSet } from "./outputs";
import { duplicateAdvice } from "./duplicate-advice";
import { ListedApp, RunCache } from "./run-cache";
import { ProviderError } from "./provider-error";
import type { AppInputs } from "./app-inputs";

/** Refuses to create `inputs` when the org already holds an app matching it, naming the one to adopt. */
export async function refuseDuplicate(run: RunCache, inputs: AppInputs): Promise<void> {
  // The run's shared listing: it was taken after any interrupted run ended, so it holds that run's copy.
  const listed = (await run.appsOf(inputs.orgId).items()).filter((app) => matchesDeclaration(app, inputs)).map((app) => app.id);
  const matches = listed.length > 0 ? await run.stillExisting(inputs.orgId, listed) : [];
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

/** Ids of the org's apps that match the declaration exactly, from a fresh walk of its pages. */
export async function matchingApps(client: SnykClient, inputs: AppInputs): Promise<string[]> {
  const ids: string[] = [];
  for await (const app of client.paginate<AppResource>(appsPath(inputs.orgId))) {
    if (matchesDeclaration(app, inputs)) ids.push(app.id);
  }
  return ids;
}

/** Matching apps, looking again with backoff for up to `graceMs` while none shows up (a timed-out create may still land). */
export async function matchingAppsWithin(client: SnykClient, inputs: AppInputs, graceMs: number): Promise<string[]> {
  const search = await client.retryUntil(`the timed-out create of app "${inputs.name}" has not landed yet`,
    () => matchingApps(client, inputs), (matches) => matches.length > 0, { timeoutMs: graceMs, baseDelayMs: 250, maxDelayMs: 5_000 });
  return search.value;
}

/** True when the app is an exact copy of the declaration (name, redirect URIs, scopes, context). */
function matchesDeclaration(app: ListedApp, inputs: AppInputs): boolean {
  const a = listedAppAttributes<ListedApp["attributes"]>(app, appsPath(inputs.orgId));
  return a.name === inputs.name && a.context === inputs.context && sameSet(a.scopes, inputs.scopes) && sameSet(a.redirect_uris ?? [], inputs.redirectUris);
}

/** An app known only by its id and the declaration it matched (a lost create's answer): the duplicate guard may use it, a read must GET it. */
export function declaredApp(id: string, inputs: AppInputs): ListedApp {
  return { id, attributes: { name: inputs.name, context: inputs.context, scopes: inputs.scopes, redirect_uris: inputs.redirectUris }, declaredOnly: true };
}
