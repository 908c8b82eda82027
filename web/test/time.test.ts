import { describe, expect, it } from "vitest";
import { clockTime, localTimeIn, partOfDay, upcoming } from "../src/shared/time";

// 2026-11-25T22:08:00Z: 11:08 PM in Paris (UTC+1), 5:08 PM in New York, 7:08 AM the next day in Tokyo.
const at = Date.parse("2026-11-25T22:08:00Z");

describe("localTimeIn", () => {
  it.each([
    ["Europe/Paris", "night"],
    ["America/New_York", "afternoon"],
    ["Asia/Tokyo", "morning"],
    ["Asia/Kolkata", "night"], // 03:38
    ["America/Los_Angeles", "afternoon"], // 14:08
    ["Pacific/Auckland", "morning"], // 11:08 the next day (UTC+13)
    ["UTC", "night"], // 22:08
  ] as const)("names the part of day in %s from the hour there", (zone, expected) => {
    expect(localTimeIn(zone, at)!.partOfDay).toBe(expected);
  });

  it("does not read the hour from a 12-hour clock (11:08 PM is not morning)", () => {
    for (const offsetHours of [0, 5, 11, 12, 13, 17, 18, 21, 22, 23]) {
      const local = localTimeIn("UTC", Date.parse("2026-11-25T00:08:00Z") + offsetHours * 3600_000)!;
      expect(local.partOfDay).toBe(partOfDay(offsetHours));
    }
    expect(localTimeIn("Europe/Paris", Date.parse("2026-11-25T13:08:00Z"))!.partOfDay).toBe("afternoon");
    expect(localTimeIn("Europe/Paris", Date.parse("2026-11-25T18:08:00Z"))!.partOfDay).toBe("evening");
  });

  it("is null for an unknown zone", () => {
    expect(localTimeIn("Mars/Olympus_Mons", at)).toBeNull();
  });
});

describe("partOfDay", () => {
  it("splits the day at 6, 12, 18 and 22", () => {
    expect([0, 5, 6, 11, 12, 17, 18, 21, 22, 23].map(partOfDay)).toEqual(
      ["night", "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening", "night", "night"]);
  });
});

describe("upcoming", () => {
  // Built from local dates, so the test holds in any zone the machine runs in.
  const now = new Date(2026, 11, 4, 15, 30).getTime(); // Friday
  const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();

  it("says today's time, tomorrow, the weekday within a week, then the date", () => {
    expect(upcoming(at(4, 18), now)).toBe(`at ${clockTime(at(4, 18))}`);
    expect(upcoming(at(5, 0), now)).toBe(`tomorrow at ${clockTime(at(5, 0))}`);
    expect(upcoming(at(7, 9), now)).toMatch(new RegExp(`^on \\S+ at ${clockTime(at(7, 9))}$`));
    expect(upcoming(at(14, 9), now)).toMatch(/^on .+14.* at /);
  });
});
