import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one and groups thousands", () => {
    expect(plural(1, "passage")).toBe("1 passage");
    expect(plural(0, "page")).toBe("0 pages");
    expect(plural(1200, "passage")).toBe("1,200 passages");
  });
});
