/**
 * The programs the bench deploys, written with the public SDK classes as a user would.
 */
import * as pulumi from "@pulumi/pulumi";
import { SnykApp, SnykAppInstall, SnykAppSecret } from "../../sdk";
import type { Program } from "../../harness/mock-program";

/** What {@link stackOfN} declares. */
export interface StackArgs {
  /** The org that creates the apps and receives the org installs. */
  orgId: string;
  /** The group that receives the group installs. */
  groupId: string;
  /** How many apps (each with a SnykAppSecret) to create. */
  apps: number;
  /** Client-credentials apps to install, each once into the org and once into the group. */
  installAppIds: readonly string[];
}

/** The 4N-resource stack: N SnykApps each with a SnykAppSecret, and N installs in the org and N in the group. */
export function stackOfN(args: StackArgs): Program {
  return () => {
    for (let i = 0; i < args.apps; i++) {
      const app = new SnykApp(`app-${i}`, {
        orgId: args.orgId,
        name: `Bench app ${i}`,
        redirectUris: [`https://bench.example/${i}/callback`],
        scopes: ["org.read"],
      });
      new SnykAppSecret(`app-${i}-secret`, { app, rotationTriggers: { window: "bench" } });
    }
    args.installAppIds.forEach((appId, i) => {
      new SnykAppInstall(`org-install-${i}`, { appId, orgId: args.orgId });
      new SnykAppInstall(`group-install-${i}`, { appId, groupId: args.groupId });
    });
  };
}

/** One resource of each kind: an app, a secret rotating it, and an install of `installAppId`. */
export function oneOfEachKind(orgId: string, installAppId: string): Program {
  return () => {
    const app = new SnykApp("app", { orgId, name: "Bench app", redirectUris: ["https://bench.example/callback"], scopes: ["org.read"] });
    new SnykAppSecret("app-secret", { app, rotationTriggers: { window: "bench" } });
    new SnykAppInstall("install", { appId: installAppId, orgId });
  };
}

/**
 * A provider that does nothing (no request, no check): the bare dynamic resource the registration
 * cost is compared with, and the bare stack whose phases are Pulumi's own cost of each step.
 */
const bareProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: `bare-${Math.random().toString(36).slice(2)}`, outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  // As the SDK's providers do, a read answers inputs too (so the answer is as large as theirs).
  async read(id: string, props: Record<string, unknown>) {
    return { id, props, inputs: props };
  },
  async delete() {
    return;
  },
};

/**
 * The do-nothing provider carrying `ballast` characters, so that its serialized text (which every
 * resource's inputs and outputs hold, and every call carries) is as long as the SDK classes' own.
 */
function bareProviderWith(ballast: number): pulumi.dynamic.ResourceProvider {
  return ballast > 0 ? Object.assign({ ballast: "b".repeat(ballast) }, bareProvider) : bareProvider;
}

/**
 * A dynamic resource of the same shape as SnykApp (its inputs, the same outputs declared, the same
 * secret output) on a provider that does nothing: Pulumi's own cost of one such registration.
 */
class BareResource extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>, provider: pulumi.dynamic.ResourceProvider = bareProvider) {
    const outputs = { appId: undefined, clientId: undefined, clientSecret: undefined, grantType: undefined, isPublic: undefined, isConfidential: undefined, orgPublicId: undefined };
    super(provider, name, { ...args, ...outputs }, { additionalSecretOutputs: ["clientSecret"] });
  }
}

/**
 * {@link stackOfN}'s shape on the do-nothing provider: N app-shaped resources, each with a
 * secret-shaped one that depends on it, and 2N install-shaped ones. Its phases time what the
 * harness and Pulumi's provider host spend per step (Check, Diff, Create, Read, Delete) with no
 * request at all: the engine's share of the real stack's time.
 */
export function bareStackOfN(args: Omit<StackArgs, "installAppIds"> & BareSize): Program {
  return () => {
    const provider = bareProviderWith(args.ballast ?? 0);
    for (let i = 0; i < args.apps; i++) {
      const app = new BareResource(`app-${i}`, {
        orgId: args.orgId,
        name: `Bench app ${i}`,
        redirectUris: [`https://bench.example/${i}/callback`],
        scopes: ["org.read"],
      }, provider);
      new BareResource(`app-${i}-secret`, { target: app.id, orgId: args.orgId, rotationTriggers: { window: "bench" } }, provider);
      // Installs of apps that exist before the deploy, as in the real stack: no dependency.
      new BareResource(`org-install-${i}`, { installs: `app ${i}`, orgId: args.orgId }, provider);
      new BareResource(`group-install-${i}`, { installs: `app ${i}`, groupId: args.groupId }, provider);
    }
  };
}

/** How much the bare provider's serialized text is padded. */
export interface BareSize {
  /** Characters of ballast in the do-nothing provider (see {@link bareProviderWith}); none by default. */
  ballast?: number;
}

/** The type token of {@link BareResource}s. */
export const BARE_TYPE = "pulumi-nodejs:dynamic:Resource";

/** `count` SnykApps, or as many bare `pulumi.dynamic.Resource`s of the same shape. */
export function registrations(count: number, orgId: string, kind: "SnykApp" | "bare"): Program {
  return () => {
    for (let i = 0; i < count; i++) {
      const args = { orgId, name: `Registered ${i}`, redirectUris: [`https://bench.example/${i}/callback`], scopes: ["org.read"] };
      if (kind === "SnykApp") new SnykApp(`app-${i}`, args);
      else new BareResource(`bare-${i}`, args);
    }
  };
}
