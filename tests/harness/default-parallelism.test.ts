import * as assert from "assert";
import * as os from "os";
import { defaultParallelism } from "../../harness/default-parallelism";

describe("default-parallelism", () => {
  it("is 4 x the cores, as `pulumi up --parallel` defaults to 4 x GOMAXPROCS (8 on a 2-core runner)", () => {
    assert.strictEqual(defaultParallelism(2), 8);
    assert.strictEqual(defaultParallelism(), 4 * os.availableParallelism());
  });
});
