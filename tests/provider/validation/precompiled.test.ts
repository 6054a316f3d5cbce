import { strict as assert } from "assert";
import { precompiledValidator } from "../../../provider/validation/precompiled";
import { runtimeValidator } from "../../../provider/validation/validate-inputs";
import { appInputSchema } from "../../../provider/app";
import { appSecretInputSchema } from "../../../provider/app-secret";
import { appInstallInputSchema } from "../../../provider/app-install";

const ORG = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const cases: Record<string, unknown>[] = [
  { orgId: ORG, name: "ok", redirectUris: ["https://a.example/cb"], scopes: ["org.read"], context: "tenant", accessTokenTtlSeconds: 3600 },
  { orgId: "nope", name: "", redirectUris: ["/relative", "/relative"], scopes: [], context: "org", accessTokenTtlSeconds: 10.5 },
  { name: "   ", redirectUris: "https://a.example", scopes: [""], extra: true },
  { orgId: ORG, appId: ORG, installId: 7, rotationTriggers: "monthly", verifyCredentials: "yes", currentSecret: "" },
  { groupId: ORG, appId: "x", adoptId: ORG, resetSecretOnAdopt: 1 },
  {},
];

describe("provider/validation/precompiled", () => {
  for (const input of [appInputSchema(), appSecretInputSchema(), appInstallInputSchema()]) {
    it(`the build's ${input.name} validator reports exactly what ajv compiled at run time reports`, () => {
      const precompiled = precompiledValidator(input.name);
      assert.ok(precompiled, "npm run build wrote compiled-validators.js");
      const runtime = runtimeValidator(input.schema);
      for (const data of cases) {
        const shape = (errors: typeof runtime.errors) =>
          (errors ?? []).map((e) => ({ path: e.instancePath, keyword: e.keyword, params: e.params, parent: e.parentSchema }));
        assert.equal(precompiled(data), runtime(data), JSON.stringify(data));
        assert.deepEqual(shape(precompiled.errors), shape(runtime.errors), JSON.stringify(data));
      }
    });
  }
});
