/** The bench's report: as text for the terminal, and as bench/RESULTS.md. */
import type { BenchResults } from "./results";
import { footprintTable, hostLines, operationsTable, targetsTable, timedTable } from "./results";
import { formatMarkdown, formatText } from "./text-table";

function settingsLine(results: BenchResults): string {
  const scale = results.timed.find((t) => !t.rateLimit);
  const rated = results.timed.find((t) => t.rateLimit);
  const parts = [];
  if (scale) parts.push(`concurrency (snyk:maxConcurrency) ${scale.concurrency}, emulator latency ${scale.latencyMs} ms`);
  if (rated?.rateLimit) parts.push(`rate limit ${rated.rateLimit.limit} requests per ${rated.rateLimit.windowMs} ms on the emulator and the client`);
  return parts.join("; ");
}

function summary(results: BenchResults): string {
  const failed = results.targets.filter((t) => t.verdict === "FAIL" && !t.name.startsWith("  "));
  const all = results.targets.filter((t) => !t.name.startsWith("  "));
  const designed = results.targets.filter((t) => t.verdict === "BY DESIGN" && !t.name.startsWith("  "));
  const met = all.length - failed.length - designed.length;
  return (
    `targets: ${met} of ${all.length} met` +
    (designed.length ? `; above target by design: ${designed.map((t) => t.name).join("; ")}` : "") +
    (failed.length ? `; missed: ${failed.map((t) => t.name).join("; ")}` : "")
  );
}

/** The terminal report. */
export function textReport(results: BenchResults): string {
  return [
    "Requests per operation",
    formatText(operationsTable(results.operations)),
    "",
    `Wall time against the floor (${settingsLine(results)})`,
    formatText(timedTable(results.timed)),
    `  ${results.definitions.concurrencyFloor}`,
    `  under the rate limit: ${results.definitions.rateLimitFloor}`,
    `  ${results.definitions.wallTime}`,
    "",
    "Footprint",
    formatText(footprintTable(results)),
    ...hostLines(results),
    "",
    formatText(targetsTable(results)),
    summary(results),
  ].join("\n");
}

/** bench/RESULTS.md: the same figures as markdown, with the date and the command. */
export function markdownReport(results: BenchResults): string {
  const m = results.machine;
  return [
    "# Benchmark results",
    "",
    `Produced by \`${results.command}\` on ${results.date.slice(0, 10)} (${m.cpus} CPUs, Node ${m.node}, ${m.platform}, ` +
      `load average ${m.loadAverage.toFixed(1)} at the start), ` +
      "against the emulator (in its own process) through Pulumi's real dynamic-provider host. Raw figures: `bench/results.json`.",
    "",
    "## Requests per operation",
    "",
    formatMarkdown(operationsTable(results.operations)),
    "",
    "## Wall time against the floor",
    "",
    `${settingsLine(results)}.`,
    "",
    formatMarkdown(timedTable(results.timed)),
    "",
    `- ${results.definitions.concurrencyFloor}.`,
    `- Under the rate limit: ${results.definitions.rateLimitFloor}.`,
    `- ${results.definitions.wallTime}.`,
    "",
    "## Footprint",
    "",
    formatMarkdown(footprintTable(results)),
    "",
    ...hostLines(results).map((line) => `- ${line}`),
    "",
    "## Targets",
    "",
    formatMarkdown(targetsTable(results)),
    "",
    summary(results),
    "",
  ].join("\n");
}
