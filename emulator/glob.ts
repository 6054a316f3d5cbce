/**
 * Glob matching for fault paths without a RegExp: `*` matches any run of characters except `/`,
 * `**` any run at all, every other character itself. It takes O(path × glob) steps whatever the
 * input, so no pattern can block the event loop (a RegExp such as `(a|a)+$` can, for seconds).
 */

type Token = { kind: "literal"; char: string } | { kind: "star" } | { kind: "globstar" };

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== "*") tokens.push({ kind: "literal", char: glob[i] });
    else if (glob[i + 1] === "*") {
      tokens.push({ kind: "globstar" });
      while (glob[i + 1] === "*") i++;
    } else tokens.push({ kind: "star" });
  }
  return tokens;
}

/** Whether the whole of `path` matches `glob`. */
export function globMatches(glob: string, path: string): boolean {
  // matched[j]: the tokens seen so far match the first j characters of path.
  let matched = new Uint8Array(path.length + 1);
  matched[0] = 1;
  for (const token of tokenize(glob)) {
    const next = new Uint8Array(path.length + 1);
    for (let j = 0; j <= path.length; j++) {
      if (token.kind === "literal") {
        next[j] = j > 0 && matched[j - 1] === 1 && path[j - 1] === token.char ? 1 : 0;
      } else {
        const extends_ = j > 0 && next[j - 1] === 1 && (token.kind === "globstar" || path[j - 1] !== "/");
        next[j] = matched[j] === 1 || extends_ ? 1 : 0;
      }
    }
    matched = next;
  }
  return matched[path.length] === 1;
}
