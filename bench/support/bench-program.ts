/**
 * The programs the bench deploys, written with the public SDK classes as a user would.
 */
import { SnykApp, SnykAppInstall, SnykAppSecret } from "../../sdk";
import type { Program } from "../../tests/support/mock-program";

/** What {@link appsAndInstalls} declares. */
export interface AppsAndInstallsArgs {
  /** The org that creates the apps and receives the installs. */
  orgId: string;
  /** How many apps to create. */
  apps: number;
  /** Client-credentials apps to install into the org, one install each. */
  installAppIds: readonly string[];
}

/** `apps` SnykApps (one POST each) and one SnykAppInstall per id in `installAppIds`; none depends on another. */
export function appsAndInstalls(args: AppsAndInstallsArgs): Program {
  return () => {
    for (let i = 0; i < args.apps; i++) {
      new SnykApp(`app-${i}`, {
        orgId: args.orgId,
        name: `Bench app ${i}`,
        redirectUris: [`https://bench.example/${i}/callback`],
        scopes: ["org.read"],
      });
    }
    args.installAppIds.forEach((appId, i) => new SnykAppInstall(`install-${i}`, { appId, orgId: args.orgId }));
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
