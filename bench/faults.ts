/**
 * `npm run faults`: every fault scenario against the emulator through Pulumi's provider host,
 * the bad-input corpus and the secret-hygiene sweep, printed as three tables. Exits 1 when any
 * row fails. `--short` runs the subset `npm test` runs; other arguments filter scenarios by name.
 */
import { captureOutput } from "./faults/output-capture";
import { FaultLab } from "./faults/lab";
import { faultScenarios } from "./faults/scenarios";
import { runScenario, ScenarioRow } from "./faults/scenario";
import { runBadInputs } from "./faults/bad-input";
import { runHygieneSweep } from "./faults/hygiene";
import { badInputTable, hygieneTable, scenarioTable } from "./faults/report";

async function main(args: string[]): Promise<number> {
  const capture = captureOutput();
  const started = Date.now();
  const filters = args.filter((a) => !a.startsWith("--"));
  const scenarios = faultScenarios({ short: args.includes("--short") }).filter((s) => filters.length === 0 || filters.some((f) => s.name.includes(f)));
  const lab = await FaultLab.start();
  try {
    const rows: ScenarioRow[] = [];
    for (const scenario of scenarios) {
      const row = await runScenario(lab, scenario);
      rows.push(row);
      process.stderr.write(`  ${row.verdict} ${row.name} (${row.ms} ms)\n`);
    }
    console.log(`\nFault scenarios (${rows.length})\n`);
    console.log(scenarioTable(rows));
    const bad = await runBadInputs(lab);
    console.log(`\nBad-input corpus (checked by the provider host, before any request)\n`);
    console.log(badInputTable(bad.rows, bad.requests));
    const hygiene = await runHygieneSweep(lab, capture);
    console.log(`\nSecret hygiene\n`);
    console.log(hygieneTable(hygiene));
    const failed =
      rows.filter((r) => r.verdict === "FAIL").length +
      bad.rows.filter((r) => r.verdict === "FAIL").length +
      (bad.requests > 0 ? 1 : 0) +
      hygiene.rows.filter((r) => r.hits > 0).length +
      hygiene.problems.length;
    console.log(`\n${failed === 0 ? "All rows pass" : `${failed} failing rows`} (${Math.round((Date.now() - started) / 1000)} s)`);
    return failed === 0 ? 0 : 1;
  } finally {
    await lab.close();
    capture.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
