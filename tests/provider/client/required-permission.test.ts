import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { requiredPermission } from "../../../provider/client/required-permission";

const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "spec", "snyk-rest-apps-2025-11-05.json"), "utf8"));

describe("provider/client/required-permission", () => {
  it("names the permission the spec requires for every current Apps operation", () => {
    let checked = 0;
    for (const [template, operations] of Object.entries<Record<string, { description?: string; deprecated?: boolean }>>(spec.paths)) {
      if (!/^\/(orgs|groups)\/\{[a-z_]+\}\/apps\/(creations|installs)/.test(template)) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const stated = /`([A-Za-z ]+) \(([a-z.]+)\)`/.exec(operation.description ?? "");
        if (!stated || operation.deprecated) continue;
        const concrete = template.replace(/\{group_id\}|\{org_id\}/, "owner-1").replace(/\{[a-z_]+\}/g, "x");
        const found = requiredPermission(method, concrete);
        assert.deepEqual(found && [found.name, found.key, found.ownerId], [stated[1], stated[2], "owner-1"], `${method} ${template}`);
        checked++;
      }
    }
    assert.equal(checked, 14);
  });

  it("knows nothing of paths outside the Apps endpoints", () => {
    assert.equal(requiredPermission("GET", "/self/apps"), undefined);
    assert.equal(requiredPermission("PUT", "/orgs/o/apps/creations/a"), undefined);
  });
});
