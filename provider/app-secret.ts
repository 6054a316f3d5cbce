/**
 * SnykAppSecret: rotates the client secrets of an app or an install without downtime.
 *
 * Snyk keeps at most 2 live secrets, cannot delete the last one, and `replace` invalidates every
 * old secret at once. So a rotation deletes the oldest secret this resource knows (the one
 * consumers were told to leave at the previous rotation) and then mints a new one with `create`:
 * the secret consumers use now stays valid throughout, and never more than 2 are live.
 *
 * | method | Snyk call |
 * | --- | --- |
 * | check  | none |
 * | diff   | none |
 * | create | POST .../secrets {mode: create} (+ client_credentials exchanges with verifyCredentials) |
 * | read   | GET the app, or list the owner's installs, each shared with the run (run-cache.ts); with verifyCredentials one exchange |
 * | update | POST .../secrets {mode: delete, secret: previous}, then {mode: create} |
 * | delete | POST .../secrets {mode: replace}: no secret this resource ever output works after it |
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SnykClient } from "./client";
import { SnykNotFoundError } from "./client";
import { ProviderError } from "./provider-error";
import { validateInputs, InputSchema } from "./validation/validate-inputs";
import { definedOnly, sameJson } from "./outputs";
import { containsUnknown } from "./validation/unknown";
import { hasExistingRotation, holdSecrets, noteExistingRotation, secretsHeldByOthers } from "./held-this-run";
import { forcedReplacements } from "./replace-on-changes";
import { verificationPending } from "./resume";
import { recordOnFailure } from "./init-failed";
import { explainTargetGone, recordUnlessTargetGone } from "./target-gone";
import { deleteSecretIfPresent, describeTarget, manageSecret, targetKey } from "./secret-target";
import { RunCache } from "./run-cache";
import { VerifyOptions, checkCredentials, waitUntilCredentialsWork } from "./verify-credentials";
import { readOldState, requireInState, withMissingFrom } from "./old-state";
import { AppSecretInputs, AppSecretOutputs, appSecretInputSchema, needsRotation, withoutCurrentSecret } from "./app-secret-inputs";
import { KnownSecrets, SecretLimitError, mintSecret } from "./secret-limit";

/** The shape of SnykAppSecret's inputs and outputs and its input schema (in app-secret-inputs.ts). */
export { AppSecretInputs, AppSecretOutputs, appSecretInputSchema } from "./app-secret-inputs";
/** Snyk's refusal of a third live secret (in secret-limit.ts). */
export { SecretLimitError } from "./secret-limit";

const TARGET_KEYS = ["orgId", "groupId", "appId", "installId"] as const;

/** The ResourceProvider of SnykAppSecret, run inside Pulumi's provider host. */
export class AppSecretOperations implements pulumi.dynamic.ResourceProvider {
  private schema?: InputSchema;

  /**
   * @param client returns the shared Snyk client
   * @param verify how long credential checks retry
   * @param run what this run has read already (one per provider host; see run-cache.ts)
   */
  constructor(
    private readonly client: () => SnykClient,
    private readonly verify: VerifyOptions = {},
    private readonly run: RunCache = new RunCache(client),
  ) {}

  /** Validates ids, the app-or-install choice and verification needs before any API call. */
  async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
    this.schema ??= appSecretInputSchema();
    // Old inputs naming the same target: this resource is in state, so a Create for the target in
    // this run (`pulumi up --replace`, a replacementTrigger) is its replacement.
    if (olds && targetKey(olds) !== undefined && targetKey(olds) === targetKey(news)) noteExistingRotation(targetKey(news)!);
    return { inputs: definedOnly({ ...news }), failures: validateInputs(this.schema, news) };
  }

  /** Moving to another app or install replaces; changed triggers (or a revoked secret) rotate. */
  async diff(_id: string, olds: AppSecretOutputs, news: AppSecretInputs): Promise<pulumi.dynamic.DiffResult> {
    olds = withMissingFrom(readOldState<AppSecretOutputs>("secret", olds), news, [["appId", "installId"], ["orgId", "groupId"]]);
    // An unknown target id means the app or install is being replaced (the SDK hands over its
    // resource id, which stays known in a preview of an in-place update): so is this resource.
    const replaces: string[] = TARGET_KEYS.filter((key) => (olds[key] ?? undefined) !== (news[key] ?? undefined));
    for (const key of forcedReplacements(olds, news, ["currentSecret"])) if (!replaces.includes(key)) replaces.push(key);
    if (replaces.length === 0) holdSecrets(targetKey(olds)!, olds.secret, olds.previousSecret);
    const changes =
      replaces.length > 0 ||
      needsRotation(olds, news) ||
      // The client id is an output of the target: unknown in a preview even when it does not change.
      (!containsUnknown(news.clientId) && (olds.clientId ?? undefined) !== (news.clientId ?? undefined)) ||
      Boolean(olds.verifyCredentials) !== Boolean(news.verifyCredentials) ||
      verificationPending(olds.verifyCredentials && Boolean(olds.clientId), olds.secret, olds.secretStatus) ||
      !sameJson(olds.replaceOnChanges ?? [], news.replaceOnChanges ?? []);
    return { changes, replaces, deleteBeforeReplace: false };
  }

  /** Mints a new secret beside the current one, which stays valid as `previousSecret`. */
  async create(inputs: AppSecretInputs): Promise<pulumi.dynamic.CreateResult> {
    const id = (inputs.appId ?? inputs.installId) as string;
    const minted = await explainTargetGone(describeTarget(inputs), () => this.mintOrRecover(inputs, inputs.currentSecret === undefined ? "none" : "one"));
    const outs: AppSecretOutputs = definedOnly({
      ...withoutCurrentSecret(inputs),
      secret: minted.secret,
      previousSecret: minted.replacedAll ? undefined : inputs.currentSecret,
      mintedAt: new Date().toISOString(),
    });
    holdSecrets(targetKey(inputs)!, outs.secret, outs.previousSecret);
    return recordOnFailure(id, () => outs, async () => ({ id, outs: await this.verified(outs) }));
  }

  /** Drops the resource when its app or install is gone; with verifyCredentials, a revoked secret is drift. */
  async read(id: string, props: AppSecretOutputs): Promise<pulumi.dynamic.ReadResult> {
    props = readOldState<AppSecretOutputs>("secret", props);
    requireInState("secret", props, ["appId", "installId"], ["orgId", "groupId"]);
    if (!(await this.run.targetExists(props))) return {};
    let outs = props;
    if (props.verifyCredentials && props.clientId) {
      outs = { ...props, secretStatus: await checkCredentials(this.client(), props.clientId, props.secret) };
    }
    const { secret: _s, previousSecret: _p, mintedAt: _m, secretStatus: _v, ...inputs } = outs;
    return { id, props: outs, inputs: definedOnly(inputs) };
  }

  /** Rotates: deletes the previous secret (when known), then mints a new one. */
  async update(id: string, olds: AppSecretOutputs, news: AppSecretInputs): Promise<pulumi.dynamic.UpdateResult> {
    olds = readOldState<AppSecretOutputs>("secret", olds);
    const carried = definedOnly({ ...olds, ...withoutCurrentSecret(news), replaceOnChanges: news.replaceOnChanges });
    if (!needsRotation(olds, news)) {
      holdSecrets(targetKey(news)!, carried.secret, carried.previousSecret);
      return { outs: await this.verifiedIfNew(carried, olds) };
    }

    // Until the new secret exists, state keeps the old triggers, so a failed rotation is retried.
    let current: AppSecretOutputs = definedOnly({ ...carried, rotationTriggers: olds.rotationTriggers });
    if (olds.previousSecret !== undefined) {
      await deleteSecretIfPresent(this.client(), news, olds.previousSecret);
      current = definedOnly({ ...current, previousSecret: undefined });
    }
    const minted = await recordUnlessTargetGone(id, () => current, describeTarget(news), () => this.mintOrRecover(news, olds.previousSecret === undefined ? "one-unknown" : "one"));
    const rotated: AppSecretOutputs = definedOnly({
      ...carried,
      secret: minted.secret,
      previousSecret: olds.secretStatus === "revoked" || minted.replacedAll ? undefined : olds.secret,
      mintedAt: new Date().toISOString(),
      secretStatus: undefined,
    });
    holdSecrets(targetKey(news)!, rotated.secret, rotated.previousSecret);
    return recordOnFailure(id, () => rotated, async () => ({ outs: await this.verified(rotated) }));
  }

  /**
   * Replaces every secret of the target, so none this stack ever output still works; but when
   * another SnykAppSecret of the stack holds the target (this one was renamed or replaced), deletes
   * only this resource's own secrets that the other one does not hold.
   */
  async delete(_id: string, props: AppSecretOutputs): Promise<void> {
    props = readOldState<AppSecretOutputs>("secret", props);
    requireInState("secret", props, ["appId", "installId"], ["orgId", "groupId"]);
    const othersHold = secretsHeldByOthers(targetKey(props)!, props.secret);
    if (othersHold) {
      for (const secret of [props.previousSecret, props.secret]) {
        if (secret !== undefined && !othersHold.has(secret)) await deleteSecretIfPresent(this.client(), props, secret);
      }
      return;
    }
    try {
      await manageSecret(this.client(), props, "replace");
    } catch (error) {
      if (!(error instanceof SnykNotFoundError)) throw error;
    }
  }

  /** Mints with `create`; with recoverWithReplace, falls back to `replace` when Snyk is full of unknown secrets. */
  private async mintOrRecover(target: AppSecretInputs, known: KnownSecrets): Promise<{ secret: string; replacedAll: boolean }> {
    try {
      return { secret: await mintSecret(this.client(), target, known), replacedAll: false };
    } catch (error) {
      // The live secrets Snyk refuses to exceed belong to this resource's predecessor in state, whose
      // Delete at the end of the run would revoke them anyway (and now spares the new secret).
      const replacing = known !== "one-unknown" && hasExistingRotation(targetKey(target)!);
      if (!(error instanceof SecretLimitError) || !(target.recoverWithReplace || replacing)) throw error;
      const secret = await manageSecret(this.client(), target, "replace");
      if (!secret) throw new ProviderError("SNYK_MALFORMED_ANSWER", `Snyk replaced the secrets of ${describeTarget(target)} but did not return the new one`);
      return { secret, replacedAll: true };
    }
  }

  private async verified(outs: AppSecretOutputs): Promise<AppSecretOutputs> {
    if (!outs.verifyCredentials || !outs.clientId) return outs;
    await waitUntilCredentialsWork(this.client(), outs.clientId, outs.secret, this.verify);
    return { ...outs, secretStatus: "valid" };
  }

  private async verifiedIfNew(outs: AppSecretOutputs, olds: AppSecretOutputs): Promise<AppSecretOutputs> {
    // Turned on now, or a verification that failed at create (recorded with its init error).
    const pending = !olds.verifyCredentials || verificationPending(olds.verifyCredentials, olds.secret, olds.secretStatus);
    if (outs.verifyCredentials && pending) return this.verified(outs);
    return outs.verifyCredentials ? outs : definedOnly({ ...outs, secretStatus: undefined });
  }
}
