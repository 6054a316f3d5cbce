/** Plain-text tables for the terminal: columns padded to their widest cell. */

/** Formats `rows` under `headers`, one line each, columns separated by " | ". */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => (cell ?? "").padEnd(widths[i])).join(" | ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}
