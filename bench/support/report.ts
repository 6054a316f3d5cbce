/** The bench's report: as text for the terminal, and as bench/RESULTS.md. */
import type { BenchResults } from "./results";
import { footprintTable, hostLines, registrationLine, targetsTable, timedTable } from "./results";
import { formatMarkdown, formatText } from "./text-table";

function settingsLine(results: BenchResults): string {
  const s = results.settings;
  const rated = results.timed.find((t) => t.rateLimit);
  const parts = [
    `${s.parallel} resource steps at once (the CLI's default --parallel, 4 x ${results.machine.cpus} cores; Check and Diff one at a time)`,
    `the client's default of ${s.clientConcurrency} requests in flight`,
    `emulator latency ${s.latencyMs} ms`,
  ];
  if (rated?.rateLimit) parts.push(`rate limit ${rated.rateLimit.limit} requests per ${rated.rateLimit.windowMs} ms on the emulator and the client`);
  return parts.join("; ");
}

function summary(results: BenchResults): string {
  const failed = results.targets.filter((t) => t.verdict === "FAIL");
  return `targets: ${results.targets.length - failed.length} of ${results.targets.length} met` + (failed.length ? `; missed: ${failed.map((t) => t.name).join("; ")}` : "");
}

/** The terminal report. */
export function textReport(results: BenchResults): string {
  return [
    `Requests against the minimum, wall time against the floor (${settingsLine(results)})`,
    formatText(timedTable(results.timed)),
    `  ${results.definitions.minimum}`,
    `  ${results.definitions.concurrencyFloor}`,
    ...(results.definitions.chain ? [`  ${results.definitions.chain}`] : []),
    ...(results.definitions.engineFloor ? [`  ${results.definitions.engineFloor}`] : []),
    `  under the rate limit: ${results.definitions.rateLimitFloor}`,
    `  ${results.definitions.wallTime}`,
    "",
    registrationLine(results),
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
    "## Requests against the minimum, wall time against the floor",
    "",
    `${settingsLine(results)}.`,
    "",
    formatMarkdown(timedTable(results.timed)),
    "",
    `- ${results.definitions.minimum}.`,
    `- ${results.definitions.concurrencyFloor}.`,
    ...(results.definitions.chain ? [`- ${results.definitions.chain}.`] : []),
    ...(results.definitions.engineFloor ? [`- ${results.definitions.engineFloor}.`] : []),
    `- Under the rate limit: ${results.definitions.rateLimitFloor}.`,
    `- ${results.definitions.wallTime}.`,
    "",
    "## Program side",
    "",
    registrationLine(results) + ".",
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
