/** Plain-text and markdown tables for the bench's output. */

/** A table: a header row and data rows of cells. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** Columns padded to their widest cell, numbers (and PASS/FAIL) right-aligned. */
export function formatText(table: Table): string {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const numeric = table.header.map((_, i) => table.rows.length > 0 && table.rows.every((r) => /^[-\d.,x%<>=~ KMB]*$/.test(r[i] ?? "")));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(table.header), line(widths.map((w) => "-".repeat(w))), ...table.rows.map(line)].join("\n");
}

/** A GitHub-flavoured markdown table. */
export function formatMarkdown(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [
    `| ${table.header.map(escape).join(" | ")} |`,
    `|${table.header.map(() => "---").join("|")}|`,
    ...table.rows.map((r) => `| ${r.map(escape).join(" | ")} |`),
  ].join("\n");
}
