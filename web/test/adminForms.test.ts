import { describe, expect, it } from "vitest";
import { businessHours, duration, durationSeconds, formatWeekly, parseWeekly, splitList } from "../src/admin/forms";
import { describeSummary } from "../src/admin/auditText";

describe("admin forms", () => {
  it("splits comma lists and drops blanks", () => {
    expect(splitList(" billing, support ,, ")).toEqual(["billing", "support"]);
    expect(splitList("")).toEqual([]);
  });

  it("converts durations both ways", () => {
    expect(duration(90)).toBe("00:01:30");
    expect(duration(3600 * 25 + 5)).toBe("25:00:05");
    expect(durationSeconds("00:01:30")).toBe(90);
    expect(durationSeconds("00:00:20.5000000")).toBe(20);
    expect(durationSeconds("soon")).toBeNull();
  });

  it("reads opening spans a line each and says which line is wrong", () => {
    expect(parseWeekly("Monday 9:00-17:30\n\nsaturday 10:00 - 14:00")).toEqual({
      weekly: [{ day: "monday", opens: "09:00:00", closes: "17:30:00" }, { day: "saturday", opens: "10:00:00", closes: "14:00:00" }],
    });
    expect(parseWeekly("monday 09:00-17:00\nfunday 09:00-17:00")).toEqual({ error: expect.stringContaining("Line 2") });
    expect(formatWeekly([{ day: "friday", opens: "08:00:00", closes: "00:00:00" }])).toBe("friday 08:00-00:00");
  });

  it("gives no hours without a time zone, and the zone, spans and holidays with one", () => {
    expect(businessHours(" ", "monday 09:00-17:00", "")).toEqual({ hours: null });
    expect(businessHours("Europe/Oslo", "monday 09:00-17:00", "2026-12-24, 2026-12-25")).toEqual({
      hours: { timeZone: "Europe/Oslo", weekly: [{ day: "monday", opens: "09:00:00", closes: "17:00:00" }], holidays: ["2026-12-24", "2026-12-25"] },
    });
  });

  it("describes an audit summary: shown values, other fields by name, counts", () => {
    expect(describeSummary({ fields: ["name", "password", "skills"], name: "Billing", skills: ["a", "b"] })).toBe("name: Billing · password · skills: a, b");
    expect(describeSummary({ count: 3 })).toBe("3 items");
    expect(describeSummary({})).toBe("");
  });
});
