import * as assert from "assert";
import { MAX_APP_NAME_LENGTH, RunningEmulator, startEmulator } from "../../../emulator";
import { adminCall, appBody, rest } from "../http";

describe("routes/app-creations", () => {
  let emu: RunningEmulator;
  before(async () => (emu = await startEmulator({ validateResponses: true })));
  beforeEach(() => emu.admin.reset());
  after(async () => emu.close());

  const creations = () => `/orgs/${emu.orgId}/apps/creations`;
  // Characters, not UTF-16 units: an emoji counts once.
  const longest = "😀".repeat(MAX_APP_NAME_LENGTH);
  const tooLong = "n".repeat(MAX_APP_NAME_LENGTH + 1);

  it(`creates an app whose name has MAX_APP_NAME_LENGTH (${MAX_APP_NAME_LENGTH}) characters`, async () => {
    const answer = await rest(emu, "POST", creations(), { body: appBody({ name: longest }) });
    assert.strictEqual(answer.status, 201);
    assert.strictEqual(answer.body.data.attributes.name, longest);
  });

  it("refuses a longer name with 400 pointing at the attribute, and creates nothing", async () => {
    const answer = await rest(emu, "POST", creations(), { body: appBody({ name: tooLong }) });
    assert.strictEqual(answer.status, 400);
    assert.strictEqual(answer.body.errors[0].source.pointer, "/data/attributes/name");
    assert.match(answer.body.errors[0].detail, new RegExp(`at most ${MAX_APP_NAME_LENGTH} characters`));
    assert.deepStrictEqual(emu.admin.listApps(emu.orgId), []);
  });

  it("refuses a rename past the limit and keeps the old name", async () => {
    const app = (await rest(emu, "POST", creations(), { body: appBody({ name: "kept" }) })).body.data;
    const answer = await rest(emu, "PATCH", `${creations()}/${app.id}`, { body: { data: { type: "app", attributes: { name: tooLong } } } });
    assert.strictEqual(answer.status, 400);
    assert.strictEqual(answer.body.errors[0].source.pointer, "/data/attributes/name");
    assert.strictEqual(emu.admin.listApps(emu.orgId)[0].name, "kept");
  });

  it("refuses a long name on the deprecated flat endpoints, pointing at /name", async () => {
    const flat = { name: tooLong, redirect_uris: ["https://flat.example.test/cb"], scopes: ["org.read"] };
    const answer = await rest(emu, "POST", `/orgs/${emu.orgId}/apps`, { body: flat });
    assert.strictEqual(answer.status, 400);
    assert.strictEqual(answer.body.errors[0].source.pointer, "/name");
  });

  it("refuses a long name through the admin too", async () => {
    assert.strictEqual((await adminCall(emu, "POST", "/apps", { body: { name: tooLong } })).status, 400);
    const app = emu.admin.createClientCredentialsApp({ name: "cc" });
    assert.strictEqual((await adminCall(emu, "PATCH", `/apps/${app.appId}`, { body: { name: tooLong } })).status, 400);
    assert.throws(() => emu.admin.renameApp(app.appId, tooLong), /at most/);
    assert.strictEqual(emu.admin.listApps(emu.orgId)[0].name, "cc");
  });
});
