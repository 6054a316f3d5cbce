/**
 * Fresh consumer projects for the package tests: the tarball `npm pack` makes, installed with a
 * chosen `@pulumi/pulumi` into a new temp project, as a user would. npm's own cache (and
 * `--prefer-offline`) keeps repeated installs fast; the first run downloads each SDK once.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root (tests run from dist/tests/package). */
export const root = path.resolve(__dirname, "..", "..", "..");

/** The oldest `@pulumi/pulumi` of the peer range. */
export const OLDEST_SDK = "3.139.0";

/**
 * The newest `@pulumi/pulumi` a consumer can install on this Node without an engine warning: the
 * version pinned for development on Node 22 and later; 3.248.0, the last that supports Node 20,
 * on Node 20 (3.249.0 and later declare `node >=22`).
 */
export function newestSdkFor(nodeVersion = process.versions.node): string {
  const pinned: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];
  return Number(nodeVersion.split(".")[0]) >= 22 ? pinned : "3.248.0";
}

let tarball: string | undefined;

/** Packs the package once per process (after the build: `--ignore-scripts`) and returns the tarball's path. */
export function packedTarball(): string {
  if (tarball && fs.existsSync(tarball)) return tarball;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snyk-apps-pack-"));
  const name = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!;
  tarball = path.join(dir, name);
  return tarball;
}

/** A consumer project with the tarball installed. */
export interface Consumer {
  /** The project directory. */
  dir: string;
  /** The `@pulumi/pulumi` version installed. */
  sdk: string;
  /** Every warning line `npm install` printed. */
  installWarnings: string[];
  /** Removes the project. */
  remove(): void;
}

/**
 * Creates a project depending on `@pulumi/pulumi@sdk` and the tarball, and installs it.
 *
 * @param sdk the exact `@pulumi/pulumi` version
 * @param node the node binary npm runs under (its version decides engine warnings)
 */
export function createConsumer(sdk: string, node = process.execPath): Consumer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `snyk-apps-consumer-${sdk}-`));
  const pkg = { name: "consumer", version: "1.0.0", private: true, dependencies: { "@pulumi/pulumi": sdk, "pulumi-snyk-apps": `file:${packedTarball()}` } };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  const npmCli = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
  const npm = fs.existsSync(npmCli) ? [node, npmCli] : ["npm"];
  const result = spawnSync(npm[0], [...npm.slice(1), "install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm install failed in ${dir}:\n${result.stderr}`);
  const installWarnings = `${result.stdout}\n${result.stderr}`.split("\n").filter((line) => /\bwarn/i.test(line));
  return { dir, sdk, installWarnings, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The warnings that are about this package or the consumer's dependency tree (engine, peer,
 * deprecation), leaving out npm 11's notice that `protobufjs` (a dependency of @pulumi/pulumi)
 * has an install script not yet allowed, which every project using @pulumi/pulumi gets.
 */
export function relevantWarnings(warnings: string[]): string[] {
  return warnings.filter((line) => !/install-scripts/.test(line));
}
