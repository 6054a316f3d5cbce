/** The three tables of `npm run faults`: scenarios, bad inputs, secret hygiene. */
import type { BadInputRow } from "./bad-input";
import type { HygieneResult } from "./hygiene";
import type { ScenarioRow } from "./scenario";
import { formatTable } from "./table";

/** The scenario table, with the broken rules of each FAIL listed under it. */
export function scenarioTable(rows: ScenarioRow[]): string {
  const table = formatTable(
    ["scenario", "injected", "user saw", "emulator holds after", "verdict"],
    rows.map((r) => [r.name, r.injected, r.userSaw, r.holds, r.verdict]),
  );
  const failures = rows.filter((r) => r.verdict === "FAIL").map((r) => `  FAIL ${r.name}: ${r.problems.join("; ")}`);
  return failures.length > 0 ? `${table}\n\nWhat failed:\n${failures.join("\n")}` : table;
}

/** The bad-input table and its request count. */
export function badInputTable(rows: BadInputRow[], requests: number): string {
  const table = formatTable(
    ["resource", "rule broken", "property", "check said", "verdict"],
    rows.map((r) => [r.kind, r.rule, r.property, r.reason, r.verdict]),
  );
  return `${table}\n${rows.length} cases, ${rows.filter((r) => r.verdict === "PASS").length} rejected as expected; HTTP requests sent: ${requests}`;
}

/** The hygiene table. */
export function hygieneTable(result: HygieneResult): string {
  const table = formatTable(
    ["where searched", "bytes searched", "hits"],
    result.rows.map((r) => [r.place, String(r.bytes), String(r.hits)]),
  );
  const notes = result.problems.length > 0 ? `\nsweep steps that did not go as planned: ${result.problems.join("; ")}` : "";
  return `${table}\nsearched for ${result.secrets} secrets (the token and every client secret minted)${notes}`;
}
