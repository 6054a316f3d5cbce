/** Plain-text tables for the terminal: the bench's one table printer. */
import { formatText } from "../support/text-table";

/** Formats `rows` under `headers`, one line each, columns padded to their widest cell. */
export function formatTable(headers: string[], rows: string[][]): string {
  return formatText({ header: headers, rows });
}
