import { describe, expect, it } from "vitest";
import { lengthStatus } from "../src/shared/limits";

describe("lengthStatus", () => {
  it("counts the trimmed text in UTF-16 code units, as the server does", () => {
    expect(lengthStatus("  hi  ", 10).length).toBe(2);
    expect(lengthStatus("😀", 10).length).toBe(2);
  });

  it("shows nothing until 90 % of the limit, then what is left, then how much is over", () => {
    expect(lengthStatus("x".repeat(3599), 4000)).toMatchObject({ show: false, over: false });
    expect(lengthStatus("x".repeat(3600), 4000)).toMatchObject({ show: true, over: false, left: 400 });
    expect(lengthStatus("x".repeat(4000), 4000)).toMatchObject({ show: true, over: false, left: 0 });
    expect(lengthStatus("x".repeat(4001), 4000)).toMatchObject({ show: true, over: true, left: -1 });
  });
});
