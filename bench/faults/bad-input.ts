/**
 * Runs the bad-input corpus through the provider host's Check: each case must fail with a
 * failure naming the offending property and the rule, and no HTTP request may reach Snyk.
 */
import type { FaultLab } from "./lab";
import { BAD_INPUTS, BadInput, inputsOf } from "./bad-input-corpus";
import { shorten } from "./scenario";

/** One row of the bad-input table. */
export interface BadInputRow {
  kind: string;
  rule: string;
  property: string;
  /** The failure Check returned for the property (or all failures when none named it). */
  reason: string;
  verdict: "PASS" | "FAIL";
}

/** The rows, and how many HTTP requests the emulator saw during the whole corpus (must be 0). */
export async function runBadInputs(lab: FaultLab, corpus: BadInput[] = BAD_INPUTS): Promise<{ rows: BadInputRow[]; requests: number }> {
  lab.reset();
  const rows: BadInputRow[] = [];
  for (const [i, bad] of corpus.entries()) {
    const urn = lab.fixture.urn(bad.kind, `bad-${i}`);
    const { failures } = await lab.host.check(urn, {}, lab.fixture.withProvider(bad.kind, inputsOf(bad) as any));
    const named = failures.find((f) => f.property === bad.property && bad.reason.test(f.reason));
    const shown = named ?? failures.find((f) => f.property === bad.property) ?? failures[0];
    rows.push({
      kind: bad.kind,
      rule: bad.rule,
      property: bad.property,
      reason: shown ? shorten(`${shown.property}: ${shown.reason}`, 90) : "(no failure: accepted)",
      verdict: named ? "PASS" : "FAIL",
    });
  }
  const requests = lab.admin.requestLog.filter((r) => !r.path.startsWith("/_emulator")).length;
  return { rows, requests };
}
