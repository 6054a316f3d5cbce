/**
 * Every ```ts snippet of the README, as a file a consumer project can type-check: imports stay at
 * the top, the rest runs inside an async function (snippets use top-level `await`), and
 * `export const` becomes `const`.
 */

/** One snippet, ready to write as `snippet-<index>.ts`. */
export interface Snippet {
  index: number;
  /** The line in the README where the snippet starts. */
  line: number;
  source: string;
}

/** The README's TypeScript snippets as type-checkable modules. */
export function readmeSnippets(readme: string): Snippet[] {
  return snippetsOf(readme, /^```ts\n([\s\S]*?)^```$/gm);
}

/** The "Example Usage" snippets of the TSDoc in a declaration file, as type-checkable modules. */
export function exampleUsageSnippets(declarations: string): Snippet[] {
  const uncommented = declarations.split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n");
  return snippetsOf(uncommented, /^```typescript\n([\s\S]*?)^```$/gm);
}

function snippetsOf(text: string, pattern: RegExp): Snippet[] {
  const snippets: Snippet[] = [];
  const readme = text;
  for (let match = pattern.exec(readme); match; match = pattern.exec(readme)) {
    const lines = match[1].split("\n");
    const top = (l: string) => /^(import|declare) /.test(l);
    const imports = lines.filter(top);
    const body = lines.filter((l) => !top(l)).map((l) => l.replace(/^export const /, "const "));
    const source = [...imports, "", `export async function snippet(): Promise<void> {`, ...body.map((l) => `  ${l}`), "}", ""].join("\n");
    snippets.push({ index: snippets.length, line: readme.slice(0, match.index).split("\n").length, source });
  }
  return snippets;
}

/** A module importing every entry point the README documents, so each must resolve with types. */
export const ENTRY_POINTS_SOURCE = `
import { SnykApp, getApps, LOOKUP_TOKENS, type GetAppsResult } from "pulumi-snyk-apps";
import { startEmulator, type RunningEmulator } from "pulumi-snyk-apps/emulator";
import { createOperations } from "pulumi-snyk-apps/provider/runtime";

export async function entryPoints(): Promise<void> {
  const emulator: RunningEmulator = await startEmulator({ port: 0 });
  const result: GetAppsResult = await getApps({ orgId: emulator.orgId }, { settings: { apiUrl: emulator.url, token: emulator.token } });
  const ops = createOperations("app");
  void [SnykApp, LOOKUP_TOKENS, result, ops];
  await emulator.close();
}
`;
