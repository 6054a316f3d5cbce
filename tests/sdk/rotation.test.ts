import { strict as assert } from "assert";
import { rotationWindow } from "../../sdk/rotation";

const DAY = 24 * 3600 * 1000;

describe("sdk/rotation rotationWindow", () => {
  it("stays the same within a window and changes when the next one starts", () => {
    const start = new Date(Date.UTC(2026, 0, 1) - (Date.UTC(2026, 0, 1) % (90 * DAY)));
    assert.equal(rotationWindow(90, start), start.toISOString().slice(0, 10));
    assert.equal(rotationWindow(90, new Date(start.getTime() + 89 * DAY)), rotationWindow(90, start));
    assert.notEqual(rotationWindow(90, new Date(start.getTime() + 90 * DAY)), rotationWindow(90, start));
  });

  it("names the window by its start date", () => {
    assert.equal(rotationWindow(1, new Date("2026-11-25T13:00:00Z")), "2026-11-25");
  });

  it("rejects a window that is not a whole number of days", () => {
    assert.throws(() => rotationWindow(0), /days must be a whole number of at least 1/);
    assert.throws(() => rotationWindow(1.5), /days must be a whole number/);
  });
});
