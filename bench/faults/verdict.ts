/**
 * The rule every fault scenario is judged by: a fault loses nothing. No app or install exists in
 * Snyk that no state knows (orphaned), none twice (duplicated), no state points at an object
 * that is gone, every secret the state hands out is live, and no live secret is unknown to state.
 */
import type { PropertyMap } from "../../harness/provider-host";
import type { FaultLab, Kind } from "./lab";

/** One resource as a state (the lab's stack, or a program harness's file) records it. */
export interface TrackedResource {
  kind: Kind;
  name: string;
  id: string;
  outputs: PropertyMap;
}

/** Exceptions a scenario declares up front. */
export interface VerdictOptions {
  /** Secrets revoked on purpose by the scenario: state may still hold them (refresh reports it). */
  revoked?: Set<string>;
}

const short = (id: string) => id.slice(0, 8);

/** Every way the emulator's holdings break the rule, in words; empty means PASS. */
export function nothingLost(lab: FaultLab, tracked: TrackedResource[], options: VerdictOptions = {}): string[] {
  const problems: string[] = [];
  const broker = lab.ids.brokerAppId;
  const apps = lab.admin.listApps().filter((a) => a.id !== broker);
  const installs = lab.admin.listInstalls();
  const known = new Set([...tracked.map((t) => t.id), ...lab.external]);

  for (const app of apps) if (!known.has(app.id)) problems.push(`orphaned app ${short(app.id)} "${app.name}"`);
  for (const install of installs) if (!known.has(install.id)) problems.push(`orphaned install ${short(install.id)}`);
  const byName = new Map<string, number>();
  for (const app of apps) if (!lab.external.has(app.id)) byName.set(app.name, (byName.get(app.name) ?? 0) + 1);
  for (const [name, n] of byName) if (n > 1) problems.push(`duplicated app "${name}" ×${n}`);

  const exists = new Set([...apps.map((a) => a.id), ...installs.map((i) => i.id), broker]);
  const secretTargets = new Set(tracked.filter((t) => t.kind === "secret").map((t) => t.id));
  const stateSecrets = new Set<string>();
  for (const t of tracked) {
    for (const key of ["clientSecret", "secret", "previousSecret"]) {
      if (typeof t.outputs[key] === "string") stateSecrets.add(t.outputs[key] as string);
    }
  }
  for (const t of tracked) {
    if (!exists.has(t.id)) {
      problems.push(`state holds ${t.name} but Snyk has no ${t.kind} ${short(t.id)}`);
      continue;
    }
    const live = new Set(lab.admin.activeSecrets(t.id));
    const handedOut =
      t.kind === "secret" ? [t.outputs.secret, t.outputs.previousSecret] : secretTargets.has(t.id) ? [] : [t.outputs.clientSecret];
    for (const secret of handedOut) {
      if (typeof secret === "string" && !live.has(secret) && !options.revoked?.has(secret)) {
        problems.push(`${t.name}: a secret in state no longer works`);
      }
    }
    // The secret resource speaks for its target's secrets when there is one.
    if (t.kind === "secret" || !secretTargets.has(t.id)) {
      const unknown = [...live].filter((s) => !stateSecrets.has(s) && !lab.externalSecrets.has(s));
      if (unknown.length > 0) problems.push(`${t.name}: ${unknown.length} live secret(s) no state knows`);
    }
  }
  return [...new Set(problems)];
}

/** The lab stack's records as tracked resources. */
export function trackedByStack(lab: FaultLab): TrackedResource[] {
  return [...lab.stack.records.values()].map((r) => ({ kind: r.kind, name: r.name, id: r.id, outputs: r.outputs }));
}
