import { describe, expect, it } from "vitest";
import { awayText, minutesSince } from "../src/dashboard/format";

describe("an away agent on the dashboard", () => {
  const since = "2026-12-04T12:00:00Z";
  const at = (minutes: number, seconds = 0) => Date.parse(since) + minutes * 60_000 + seconds * 1000;

  it("shows the reason and the whole minutes since it was chosen", () => {
    expect(awayText("Lunch", since, at(12, 40))).toBe("Away · Lunch · 12 min");
    expect(awayText("Lunch", since, at(0, 20))).toBe("Away · Lunch · under 1 min");
    expect(awayText(null, since, at(75))).toBe("Away · 1 h 15 min");
    expect(awayText("Training", null, at(3))).toBe("Away · Training");
  });

  it("never counts below zero when the clocks disagree", () => {
    expect(minutesSince(-5_000)).toBe("under 1 min");
  });
});
