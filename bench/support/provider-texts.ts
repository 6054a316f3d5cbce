/**
 * The `__provider` text of each resource kind, exactly as the SDK classes serialize it (a
 * program run under mocks), and a valid first Check for a bench host.
 */
import { runProgram } from "../../harness/mock-program";
import { BARE_TYPE, BareSize, bareStackOfN, oneOfEachKind } from "./bench-program";
import { BENCH_PROJECT, BENCH_STACK, FirstCheck } from "./bench-host";

/** The resource kinds, by the type token the SDK registers. */
export const KIND_TYPES = {
  SnykApp: "pulumi-nodejs:dynamic/snyk:App",
  SnykAppSecret: "pulumi-nodejs:dynamic/snyk:AppSecret",
  SnykAppInstall: "pulumi-nodejs:dynamic/snyk:AppInstall",
} as const;

/** A resource kind's SDK class name. */
export type KindName = keyof typeof KIND_TYPES;

/** The SDK class name of a type token, or undefined for another type. */
export function kindOfType(type: string): KindName | undefined {
  return (Object.keys(KIND_TYPES) as KindName[]).find((kind) => KIND_TYPES[kind] === type);
}

/** The serialized provider of each kind. */
export async function providerTexts(orgId: string, installAppId: string): Promise<Record<KindName, string>> {
  const run = await runProgram(oneOfEachKind(orgId, installAppId), { project: BENCH_PROJECT, stack: BENCH_STACK });
  return {
    SnykApp: String(run.byName("app").inputs.__provider),
    SnykAppSecret: String(run.byName("app-secret").inputs.__provider),
    SnykAppInstall: String(run.byName("install").inputs.__provider),
  };
}

/** A Check of a valid SnykApp: no API call, so it times the host alone. */
export function appCheck(appProvider: string, orgId: string): FirstCheck {
  return {
    urn: `urn:pulumi:${BENCH_STACK}::${BENCH_PROJECT}::${KIND_TYPES.SnykApp}::first-check`,
    inputs: { __provider: appProvider, orgId, name: "First check", redirectUris: ["https://bench.example/cb"], scopes: ["org.read"] },
  };
}

/** A Check of one of {@link bareStackOfN}'s resources, with the do-nothing provider's text as serialized. */
export async function bareCheck(orgId: string, size: BareSize = {}): Promise<FirstCheck> {
  const app = await bareAppInputs(orgId, size);
  return { urn: `urn:pulumi:${BENCH_STACK}::${BENCH_PROJECT}::${BARE_TYPE}::first-check`, inputs: { ...app, name: "First check" } };
}

/**
 * The ballast that makes the do-nothing provider's serialized text as long as `text` (the SDK
 * classes' own): the bare stack then moves as many bytes per resource through the engine and the
 * provider host as the real one, and differs only in what the provider does.
 */
export async function ballastToMatch(text: string, orgId: string): Promise<number> {
  const bareLength = async (ballast: number) => String((await bareAppInputs(orgId, { ballast })).__provider).length;
  const empty = await bareLength(0);
  if (empty >= text.length) return 0;
  const first = text.length - empty;
  // The ballast's own property line adds a few characters: measure once and take them off.
  return Math.max(0, first - ((await bareLength(first)) - text.length));
}

async function bareAppInputs(orgId: string, size: BareSize): Promise<Record<string, unknown>> {
  const run = await runProgram(bareStackOfN({ orgId, groupId: orgId, apps: 1, ...size }), { project: BENCH_PROJECT, stack: BENCH_STACK });
  return run.byName("app-0").inputs;
}
