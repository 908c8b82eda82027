// A session's SLA countdown as the workspace shows it (docs/protocol.md, SLA policy): counted here from the view's
// due time, so the server sends a new view only when a clock starts, stops, turns at risk or is breached.
import type { SessionSlaView, SlaKind } from "../shared/protocol";
import { clockText } from "../shared/time";

export type SlaLevel = "ok" | "atRisk" | "breached";

export interface SlaCountdown {
  kind: SlaKind;
  level: SlaLevel;
  /** "4:05", "1:02:03", or "-0:12" once past due. */
  text: string;
  /** For the conversation's header: "First response: 4:05 left", "Next response: overdue 0:12". */
  headline: string;
  /** For screen readers: "First response due in 4:05", "Next response overdue by 0:12". */
  label: string;
  paused: boolean;
}

const kindText: Record<SlaKind, string> = { firstResponse: "First response", nextResponse: "Next response", resolution: "Resolution" };

/** The running clock at `now`; null when none runs or it is never due. Warning from `atRiskAt` (a quarter left), red once due. */
export function slaCountdown(sla: SessionSlaView | null | undefined, now: number): SlaCountdown | null {
  if (!sla?.kind || !sla.dueAt) return null;
  const due = Date.parse(sla.dueAt);
  const left = Math.ceil((due - now) / 1000);
  const breached = sla.breached || left <= 0;
  const level: SlaLevel = breached ? "breached" : sla.atRiskAt && now >= Date.parse(sla.atRiskAt) ? "atRisk" : "ok";
  const text = breached ? `-${clockText(Math.max(0, -left))}` : clockText(left);
  const overdue = clockText(Math.max(0, -left));
  const paused = sla.paused ? " (paused: out of hours)" : "";
  const headline = `${kindText[sla.kind]}: ${breached ? `overdue ${overdue}` : `${text} left`}${paused}`;
  const label = `${kindText[sla.kind]} ${breached ? `overdue by ${overdue}` : `due in ${text}`}${paused}`;
  return { kind: sla.kind, level, text, headline, label, paused: sla.paused };
}
