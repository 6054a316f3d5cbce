import * as assert from "assert";
import { decodeProperties } from "../../harness/property-values";
import { UNKNOWN } from "../../harness/struct";

const sig = "4dabf18193072939515e22adb298388d";

describe("property-values", () => {
  it("unwraps secrets, names the top-level keys holding them, and downgrades resource references", () => {
    const decoded = decodeProperties({
      plain: 1,
      secret: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "s" },
      nested: { list: [{ [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "n" }] },
      ref: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "id-1" },
      later: UNKNOWN,
      pending: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" },
    });
    assert.deepStrictEqual(decoded.values, { plain: 1, secret: "s", nested: { list: ["n"] }, ref: "id-1", later: UNKNOWN, pending: UNKNOWN });
    assert.deepStrictEqual(decoded.secretKeys, ["secret", "nested"]);
  });
});
