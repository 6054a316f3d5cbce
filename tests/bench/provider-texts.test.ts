import { strict as assert } from "assert";
import { ballastToMatch, bareCheck, providerTexts } from "../../bench/support/provider-texts";

describe("bench provider-texts", () => {
  const orgId = "00000000-0000-4000-8000-000000000000";

  it("pads the do-nothing provider's serialized text to the SDK's own length, so both stacks move as many bytes", async () => {
    const sdk = (await providerTexts(orgId, orgId)).SnykApp;
    const ballast = await ballastToMatch(sdk, orgId);
    const bare = String((await bareCheck(orgId, { ballast })).inputs.__provider);
    const unpadded = String((await bareCheck(orgId)).inputs.__provider);
    assert.ok(ballast > 0 && unpadded.length < sdk.length, `ballast ${ballast}, unpadded ${unpadded.length}, SDK ${sdk.length}`);
    assert.equal(bare.length, sdk.length);
  });
});
