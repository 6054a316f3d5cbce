import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "pulumi-snyk-apps";

/**
 * The `User-Agent` the client sends: `pulumi-snyk-apps/<version> node/<version>`, with `extra`
 * appended (e.g. the Pulumi version) when given.
 */
export function userAgent(extra?: string): string {
  const base = `${PACKAGE_NAME}/${packageVersion()} node/${process.versions.node}`;
  return extra ? `${base} ${extra}` : base;
}

let cachedVersion: string | undefined;

/** This package's version, read once from its package.json (found above this file). */
export function packageVersion(): string {
  cachedVersion ??= findPackageVersion(__dirname) ?? "unknown";
  return cachedVersion;
}

// From dist/provider/client/ the package root is three levels up, from provider/client/ (ts-node)
// two; walking up finds it either way.
function findPackageVersion(start: string): string | undefined {
  for (let dir = start, i = 0; i < 6; dir = path.dirname(dir), i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
  }
  return undefined;
}
