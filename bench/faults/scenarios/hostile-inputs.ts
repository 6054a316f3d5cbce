/**
 * Fuzzing `check` through the provider host: generated inputs (every property set to `null` and
 * to values of every wrong type, keys that are not inputs with any value, and seeded random
 * combinations of several such changes on valid inputs). Each must be rejected with a failure
 * naming every property it broke, and no request may reach Snyk.
 */
import { VALID } from "../bad-input-corpus";
import type { FaultLab, Kind } from "../lab";
import { Scenario, shorten } from "../scenario";

/** A value that breaks a property's type or rule, whatever else holds. */
type Breaker = unknown;

const NOT_STRINGS: Breaker[] = [null, 0, -1, 1.5, true, false, [], ["x"], {}, { a: 1 }];
const NOT_UUIDS: Breaker[] = [...NOT_STRINGS, "", "not-a-uuid", "00000000-0000-4000-8000-00000000000", " ".repeat(36)];
const NOT_BOOLEANS: Breaker[] = [null, 0, 1, "true", "", [], {}, [true]];
const NOT_LISTS: Breaker[] = [null, "x", 0, true, {}, [null], [5], [[]], [{}]];
const NOT_URI_LISTS: Breaker[] = [...NOT_LISTS, [], ["not a uri"], ["/relative"]];
const NOT_SCOPES: Breaker[] = [...NOT_LISTS, [], [""]];

/** What breaks each property of each kind. */
const BREAKERS: Record<Kind, Record<string, Breaker[]>> = {
  app: {
    orgId: NOT_UUIDS,
    name: [...NOT_STRINGS, "", "   "],
    redirectUris: NOT_URI_LISTS,
    scopes: NOT_SCOPES,
    context: [null, "org", "", 0, true, [], {}],
    accessTokenTtlSeconds: [null, "3600", 1.5, 0, 3599, 86401, -1, true, [], {}],
    adoptId: NOT_UUIDS,
    resetSecretOnAdopt: NOT_BOOLEANS,
  },
  secret: {
    orgId: NOT_UUIDS,
    appId: NOT_UUIDS,
    clientId: [...NOT_STRINGS, ""],
    currentSecret: [...NOT_STRINGS, ""],
    rotationTriggers: [null, "monthly", 0, true, [], ["a"]],
    verifyCredentials: NOT_BOOLEANS,
    recoverWithReplace: NOT_BOOLEANS,
  },
  install: {
    appId: NOT_UUIDS,
    orgId: NOT_UUIDS,
    adoptId: NOT_UUIDS,
    resetSecretOnAdopt: NOT_BOOLEANS,
    verifyCredentials: NOT_BOOLEANS,
  },
};

/** Names that are not inputs of any kind: misspellings, outputs, and odd keys. */
const NOT_INPUTS = ["redirectUri", "scope", "orgID", "clientSecret", "secret", "installedAt", "Name", "org_id", "__proto_", "x".repeat(200), "constructor"];
const ANY_VALUES: Breaker[] = [null, "", "x", 0, false, [], {}, [null]];

/** One generated input: the changes made to the kind's valid inputs, and the properties they break. */
export interface FuzzCase {
  kind: Kind;
  change: Record<string, unknown>;
  broken: string[];
}

/** A small seeded PRNG (mulberry32), so every run generates the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every single change, then `combined` random combinations of 2 to 4 changes per kind. */
export function fuzzCases(combined = 150, seed = 10): FuzzCase[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const cases: FuzzCase[] = [];
  for (const kind of Object.keys(BREAKERS) as Kind[]) {
    const singles: Array<[string, unknown]> = [];
    for (const [property, values] of Object.entries(BREAKERS[kind])) for (const value of values) singles.push([property, value]);
    for (const key of NOT_INPUTS) for (const value of ANY_VALUES) singles.push([key, value]);
    for (const [property, value] of singles) cases.push({ kind, change: { [property]: value }, broken: [property] });
    for (let i = 0; i < combined; i++) {
      const change: Record<string, unknown> = {};
      const count = 2 + Math.floor(random() * 3);
      while (Object.keys(change).length < count) {
        const [property, value] = pick(singles);
        change[property] = value;
      }
      cases.push({ kind, change, broken: Object.keys(change) });
    }
  }
  return cases;
}

/** Runs the cases through the lab's provider host; answers the cases that were not rejected as they must be. */
export async function runFuzz(lab: FaultLab, cases: FuzzCase[]): Promise<{ misses: string[]; requests: number }> {
  lab.admin.clearLog();
  const misses: string[] = [];
  for (const [i, c] of cases.entries()) {
    const inputs = { ...VALID[c.kind], ...c.change };
    const urn = lab.fixture.urn(c.kind, `fuzz-${i}`);
    try {
      const { failures } = await lab.host.check(urn, {}, lab.fixture.withProvider(c.kind, inputs as Record<string, unknown>));
      const named = new Set(failures.map((f) => f.property));
      const unnamed = c.broken.filter((p) => !named.has(p));
      if (unnamed.length > 0) misses.push(`${c.kind} ${shorten(JSON.stringify(c.change), 80)}: ${unnamed.join(", ")} not named`);
    } catch (error) {
      misses.push(`${c.kind} ${shorten(JSON.stringify(c.change), 80)}: check crashed: ${shorten(String(error), 80)}`);
    }
  }
  const requests = lab.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator")).length;
  return { misses, requests };
}

/** The fuzzing scenario: the full run generates every single change and 150 combinations per kind. */
export function hostileInputScenarios(): Scenario[] {
  const run = (combined: number) => async (lab: FaultLab) => {
    const cases = fuzzCases(combined);
    const { misses, requests } = await runFuzz(lab, cases);
    const problems = [...misses.slice(0, 5), ...(misses.length > 5 ? [`… and ${misses.length - 5} more`] : [])];
    if (requests > 0) problems.push(`${requests} HTTP requests reached the API`);
    return { userSaw: `${cases.length - misses.length} of ${cases.length} rejected at check naming every broken property; ${requests} HTTP requests`, problems };
  };
  return [
    {
      name: "hostile input: generated inputs (nulls, wrong types, unknown keys, random combinations)",
      kind: "hostile input" as const,
      short: false,
      injected: "every property null or of each wrong type, 11 keys that are not inputs with 8 values, 150 seeded combinations of 2-4 such changes per resource kind",
      run: run(150),
    },
    {
      name: "hostile input: generated inputs, short form",
      kind: "hostile input" as const,
      short: true,
      injected: "every property null or of each wrong type, keys that are not inputs, 10 combinations per kind",
      run: run(10),
    },
  ];
}
