// The serialized dynamic providers require "pulumi-snyk-apps/..." from the program's node_modules,
// exactly as they do in a user's project. Inside this repository that name must resolve to the
// repository itself, so the build links node_modules/pulumi-snyk-apps to the package root.
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-snyk-apps");
let current;
try { current = fs.readlinkSync(link); } catch { current = undefined; }
if (current === undefined || path.resolve(path.dirname(link), current) !== root) {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
}
