import { describe, expect, it } from "vitest";
import { businessHours, duration, durationSeconds, formatWeekly, parseWeekly, splitList } from "../src/admin/forms";
import { describeSummary } from "../src/admin/auditText";
import { emptyBand, slaPolicy, slaRows, slaSummary } from "../src/admin/slaForm";
import { afterSeconds, emptyStep, minutesText, routingPolicy, routingRows, routingSummary, skillLevels, skillsText } from "../src/admin/routingForm";

describe("admin forms", () => {
  it("splits comma lists and drops blanks", () => {
    expect(splitList(" billing, support ,, ")).toEqual(["billing", "support"]);
    expect(splitList("")).toEqual([]);
  });

  it("converts durations both ways", () => {
    expect(duration(90)).toBe("00:01:30");
    expect(duration(3600 * 25 + 5)).toBe("1.01:00:05"); // .NET reads hours over 23 only with days
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

  it("reads a step's wait as seconds, m:ss or hh:mm:ss, and shows it as m:ss", () => {
    expect(afterSeconds("90")).toBe(90);
    expect(afterSeconds(" 1:30 ")).toBe(90);
    expect(afterSeconds("00:05:00")).toBe(300);
    expect(afterSeconds("soon")).toBeNull();
    expect(minutesText(90)).toBe("1:30");
    expect(minutesText(3700)).toBe("1:01:40");
  });

  it("turns routing rows into the policy: rules, one action a step, blank rule rows dropped", () => {
    const rows = {
      ...routingRows(null),
      priority: "10", agingPerMinute: "2", skillLevel: "3", cherryPick: true,
      rules: [{ attribute: " plan ", value: "enterprise", boost: "50" }, { attribute: "", value: " ", boost: "10" }],
      steps: [
        { ...emptyStep(), after: "30", action: "skillLevel" as const, skillLevel: "2" },
        { ...emptyStep(), after: "1:00", action: "anyAgent" as const },
        { ...emptyStep(), after: "2:00", action: "overflowTo" as const, overflowTo: "sales" },
        { ...emptyStep(), after: "5:00", action: "offerLeaveMessage" as const },
      ],
    };
    const policy = {
      priority: 10, agingPerMinute: 2, skillLevel: 3, cherryPick: true,
      priorityRules: [{ attribute: "plan", value: "enterprise", boost: 50 }],
      steps: [
        { after: "00:00:30", skillLevel: 2 },
        { after: "00:01:00", anyAgent: true },
        { after: "00:02:00", overflowTo: "sales" },
        { after: "00:05:00", offerLeaveMessage: true },
      ],
    };
    expect(routingPolicy(rows)).toEqual({ routing: policy });
    // The server answers with every step field; the rows read back the same.
    const served = { ...policy, steps: policy.steps.map((s) => ({ skillLevel: null, anyAgent: false, overflowTo: null, offerLeaveMessage: false, ...s })) };
    expect(routingPolicy(routingRows(served))).toEqual({ routing: policy });
    expect(routingSummary(policy)).toBe("priority 10 · 1 rule · +2/min · level 3 · 4 steps · cherry-pick");
  });

  it("sends no policy for the defaults and names the row it cannot read", () => {
    expect(routingPolicy(routingRows(null))).toEqual({ routing: null });
    expect(routingPolicy({ ...routingRows(null), priority: "" })).toEqual({ routing: null });
    expect(routingSummary(null)).toBe("arrival order");
    expect(routingPolicy({ ...routingRows(null), priority: "high" })).toEqual({ error: expect.stringContaining("Priority") });
    expect(routingPolicy({ ...routingRows(null), steps: [{ ...emptyStep(), after: "later" }] })).toEqual({ error: expect.stringContaining("Step 1") });
    expect(routingPolicy({ ...routingRows(null), steps: [{ ...emptyStep(), after: "30", action: "overflowTo" }] }))
      .toEqual({ error: expect.stringContaining("queue to overflow to") });
  });

  it("sends the skill levels above 1 of the skills listed", () => {
    expect(skillLevels(["billing", "support"], { billing: "3", support: "1", gone: "5" })).toEqual({ skillLevels: { billing: 3 } });
    expect(skillLevels(["billing"], { billing: "" })).toEqual({ skillLevels: null });
    expect(skillLevels(["billing"], { billing: "x" })).toEqual({ error: expect.stringContaining("billing") });
    expect(skillsText(["billing", "support"], { billing: 3 })).toBe("billing 3, support");
  });
});

describe("the queue form's SLA policy", () => {
  it("turns the fields into the policy, with bands, and back", () => {
    const rows = { ...slaRows(null), firstResponse: "1:30", resolution: "2:00:00", businessHoursOnly: true, bands: [{ ...emptyBand(), minPriority: "500", firstResponse: "20" }] };
    const policy = {
      firstResponse: "00:01:30", nextResponse: null, resolution: "02:00:00", businessHoursOnly: true,
      bands: [{ minPriority: 500, firstResponse: "00:00:20", nextResponse: null, resolution: null }],
    };
    expect(slaPolicy(rows)).toEqual({ sla: policy });
    expect(slaPolicy(slaRows(policy))).toEqual({ sla: policy });
    expect(slaSummary(policy)).toBe("first 1:30 · resolve 2:00:00 · 1 band · business hours");
  });

  it("sends no policy when nothing is set, and names a field it cannot read", () => {
    expect(slaPolicy(slaRows(null))).toEqual({ sla: null });
    expect(slaPolicy({ ...slaRows(null), nextResponse: "soon" })).toEqual({ error: expect.stringContaining("SLA next response") });
    expect(slaPolicy({ ...slaRows(null), bands: [{ ...emptyBand(), minPriority: "high" }] })).toEqual({ error: expect.stringContaining("SLA band 1") });
    expect(durationSeconds("2.00:00:00")).toBe(172800);
    expect(duration(172800 + 90)).toBe("2.00:01:30");
  });
});
