import { describe, expect, it } from "vitest";
import { slaCountdown } from "../src/workspace/slaClock";
import { clockText } from "../src/shared/time";
import type { SessionSlaView } from "../src/shared/protocol";

const t0 = Date.parse("2026-12-05T10:00:00Z");
const sla = (extra: Partial<SessionSlaView> = {}): SessionSlaView => ({
  kind: "firstResponse", startedAt: "2026-12-05T10:00:00Z", dueAt: "2026-12-05T10:04:00Z", atRiskAt: "2026-12-05T10:03:00Z",
  breached: false, paused: false, breaches: 0, ...extra,
});

describe("the SLA countdown", () => {
  it("counts down, warns with a quarter left and turns red once due", () => {
    expect(slaCountdown(sla(), t0)).toMatchObject({ level: "ok", text: "4:00", label: "First response due in 4:00" });
    expect(slaCountdown(sla(), t0 + 3 * 60_000)).toMatchObject({ level: "atRisk", text: "1:00" });
    expect(slaCountdown(sla(), t0 + 4 * 60_000 + 12_000)).toMatchObject({ level: "breached", text: "-0:12", label: "First response overdue by 0:12", headline: "First response: overdue 0:12" });
    expect(slaCountdown(sla(), t0)?.headline).toBe("First response: 4:00 left");
    expect(slaCountdown(sla({ breached: true }), t0)).toMatchObject({ level: "breached" });
  });

  it("shows nothing without a running clock, and says when it is paused", () => {
    expect(slaCountdown(null, t0)).toBeNull();
    expect(slaCountdown(sla({ kind: null, dueAt: null }), t0)).toBeNull();
    expect(slaCountdown(sla({ paused: true }), t0)?.label).toContain("paused");
    expect(clockText(3723)).toBe("1:02:03");
  });
});
