/**
 * Every REST and OAuth2 route the providers call, each with the steps that reach it: what must
 * exist first, and the user's action that sends the request.
 */
import type { FaultLab } from "../lab";

/** One route and how a user's action reaches it. */
export interface RouteCase {
  /** The route as the table shows it. */
  route: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** GET and DELETE retry on 5xx and resets; POST and PATCH must not. */
  idempotent: boolean;
  /** Creates what the action needs. */
  setup(lab: FaultLab): Promise<void>;
  /** The request path the fault matches (after setup). */
  path(lab: FaultLab): string;
  /** The user's action. */
  act(lab: FaultLab): Promise<unknown>;
  /** Extra rules once the user's action finally succeeded (e.g. a rotation really rotated). */
  expect?(lab: FaultLab): string[];
  /** Requests to the path to let through before the faulted one (e.g. a rotation's delete). */
  skip?: number;
}

const APP = "Fault app";
const createApp = (lab: FaultLab) => lab.stack.apply("app", "app", lab.appInputs(APP));
const createAppAndSecret = async (lab: FaultLab) => {
  await createApp(lab);
  const outs = await lab.stack.apply("secret", "secret", lab.appSecretInputs("app"));
  lab.notes.set("secretBefore", outs.secret);
};
/**
 * After a rotation, state must hold a new secret, with the one before it as previousSecret. The
 * one exception is a rotation the user finished with recoverWithReplace, as an error told them
 * to: Snyk then stops every old secret, so state must not keep the one before (it no longer works;
 * `nothingLost` checks that every secret state hands out is live).
 */
const rotated = (lab: FaultLab): string[] => {
  const outs = lab.stack.records.get("secret")?.outputs;
  const before = lab.notes.get("secretBefore");
  if (!outs || outs.secret === before) return ["the rotation never happened: state still hands out the old secret"];
  if (lab.stack.advised.get("secret")?.recoverWithReplace === true) return [];
  return outs.previousSecret === before ? [] : ["the secret consumers used before the rotation is not kept as previousSecret"];
};
const createInstall = (owner: "org" | "group") => (lab: FaultLab) => lab.stack.apply("install", "install", lab.installInputs(owner)).then(() => undefined);
const appPath = (lab: FaultLab) => `/orgs/${lab.ids.orgId}/apps/creations/${lab.stack.outputs("app").appId}`;
const installsPath = (owner: "org" | "group") => (lab: FaultLab) =>
  owner === "org" ? `/orgs/${lab.ids.orgId}/apps/installs` : `/groups/${lab.ids.groupId}/apps/installs`;
const installPath = (owner: "org" | "group") => (lab: FaultLab) => `${installsPath(owner)(lab)}/${lab.stack.outputs("install").installId}`;
const none = async () => undefined;

function installRoutes(owner: "org" | "group"): RouteCase[] {
  const base = owner === "org" ? "/orgs/{org}/apps/installs" : "/groups/{group}/apps/installs";
  return [
    {
      route: `POST ${base}`,
      method: "POST",
      idempotent: false,
      setup: none,
      path: installsPath(owner),
      act: createInstall(owner),
    },
    { route: `GET ${base} (refresh)`, method: "GET", idempotent: true, setup: createInstall(owner), path: installsPath(owner), act: (lab) => lab.stack.refresh("install") },
    { route: `DELETE ${base}/{id}`, method: "DELETE", idempotent: true, setup: createInstall(owner), path: installPath(owner), act: (lab) => lab.stack.destroy("install") },
    {
      route: `POST ${base}/{id}/secrets (mint)`,
      method: "POST",
      idempotent: false,
      setup: createInstall(owner),
      path: (lab) => `${installPath(owner)(lab)}/secrets`,
      act: (lab) => lab.stack.apply("secret", "secret", lab.installSecretInputs("install")),
    },
  ];
}

/** Every route, in the order a stack's life reaches them. */
export const ROUTES: RouteCase[] = [
  {
    route: "POST /orgs/{org}/apps/creations",
    method: "POST",
    idempotent: false,
    setup: none,
    path: (lab) => `/orgs/${lab.ids.orgId}/apps/creations`,
    act: createApp,
  },
  // A refresh reads the org's apps from their listing, one walk per run.
  { route: "GET /orgs/{org}/apps/creations (refresh)", method: "GET", idempotent: true, setup: (lab) => createApp(lab).then(() => undefined), path: (lab) => `/orgs/${lab.ids.orgId}/apps/creations`, act: (lab) => lab.stack.refresh("app") },
  {
    route: "PATCH /orgs/{org}/apps/creations/{id}",
    method: "PATCH",
    idempotent: false,
    setup: (lab) => createApp(lab).then(() => undefined),
    path: appPath,
    act: (lab) => lab.stack.apply("app", "app", lab.appInputs(APP, { name: "Fault app renamed" })),
  },
  { route: "DELETE /orgs/{org}/apps/creations/{id}", method: "DELETE", idempotent: true, setup: (lab) => createApp(lab).then(() => undefined), path: appPath, act: (lab) => lab.stack.destroy("app") },
  {
    route: "POST …/creations/{id}/secrets (mint)",
    method: "POST",
    idempotent: false,
    setup: (lab) => createApp(lab).then(() => undefined),
    path: (lab) => `${appPath(lab)}/secrets`,
    act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app")),
  },
  {
    route: "POST …/creations/{id}/secrets (rotate: the delete)",
    method: "POST",
    idempotent: false,
    setup: createAppAndSecret,
    expect: rotated,
    path: (lab) => `${appPath(lab)}/secrets`,
    act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app", { rotationTriggers: { window: "2" } })),
  },
  {
    route: "POST …/creations/{id}/secrets (rotate: the mint)",
    method: "POST",
    idempotent: false,
    setup: createAppAndSecret,
    path: (lab) => `${appPath(lab)}/secrets`,
    skip: 1,
    expect: rotated,
    act: (lab) => lab.stack.apply("secret", "secret", lab.appSecretInputs("app", { rotationTriggers: { window: "2" } })),
  },
  {
    route: "POST …/creations/{id}/secrets (destroy: replace)",
    method: "POST",
    idempotent: false,
    setup: createAppAndSecret,
    path: (lab) => `${appPath(lab)}/secrets`,
    // Destroy deletes the secret resource, then its app, as `pulumi destroy` orders them.
    act: async (lab) => {
      if (lab.stack.records.has("secret")) await lab.stack.destroy("secret");
      await lab.stack.destroy("app");
    },
  },
  ...installRoutes("org"),
  ...installRoutes("group"),
  {
    route: "POST /oauth2/token (verifyCredentials)",
    method: "POST",
    idempotent: false,
    setup: async (lab) => {
      lab.clientCredentialsApp("Verified app");
    },
    path: () => "/oauth2/token",
    act: (lab) => {
      const app = lab.admin.listApps().find((a) => a.name === "Verified app")!;
      const secret = lab.admin.activeSecrets(app.id)[0];
      return lab.stack.apply("secret", "secret", {
        orgId: lab.ids.orgId,
        appId: app.id,
        clientId: app.clientId,
        currentSecret: secret,
        verifyCredentials: true,
        rotationTriggers: { window: "1" },
      });
    },
  },
];
