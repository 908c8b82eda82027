import { describe, expect, it } from "vitest";
import { radioKeyTarget } from "../src/shared/radioKeys";

describe("radioKeyTarget", () => {
  it("moves with the arrows, wrapping at both ends", () => {
    expect(radioKeyTarget("ArrowRight", 0, 5)).toBe(1);
    expect(radioKeyTarget("ArrowDown", 3, 5)).toBe(4);
    expect(radioKeyTarget("ArrowRight", 4, 5)).toBe(0);
    expect(radioKeyTarget("ArrowLeft", 0, 5)).toBe(4);
    expect(radioKeyTarget("ArrowUp", 2, 5)).toBe(1);
  });

  it("goes to the first and last with Home and End", () => {
    expect(radioKeyTarget("Home", 3, 11)).toBe(0);
    expect(radioKeyTarget("End", 3, 11)).toBe(10);
  });

  it("leaves other keys (Tab, Space, Enter, letters) alone", () => {
    for (const key of ["Tab", " ", "Enter", "a", "Escape"]) expect(radioKeyTarget(key, 1, 5)).toBeNull();
  });
});
