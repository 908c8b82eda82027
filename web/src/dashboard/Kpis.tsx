import type { DashboardSnapshot } from "../shared/protocol";
import { shortDuration, timeSpanMs } from "../shared/time";
import { percent, ratio } from "./format";

/** The headline figures: waiting, service level, abandoned, first response, CSAT, NPS, conversions, invitations. */
export function Kpis({ snapshot, now }: { snapshot: DashboardSnapshot; now: number }) {
  const { queues, quality } = snapshot;
  const waiting = queues.reduce((n, q) => n + q.waiting, 0);
  const oldest = queues.map((q) => q.oldestWaitingSince).filter((t): t is string => !!t).map(Date.parse).sort((a, b) => a - b)[0];
  const answered = queues.reduce((n, q) => n + q.answered, 0);
  const withinSla = queues.reduce((n, q) => n + q.answeredWithinSla, 0);
  const abandoned = queues.reduce((n, q) => n + q.abandoned, 0);
  const serviceLevel = quality.serviceLevel ?? ratio(withinSla, answered);
  const acceptance = quality.invitationAcceptanceRate ?? ratio(quality.invitationsAccepted, quality.invitationsSent);
  const conversionRate = quality.conversionRate ?? null;

  return (
    <section class="kpis" aria-label="Key figures">
      <Kpi id="waiting" label="Waiting now" value={String(waiting)} tone={waiting > 0 ? "warn" : undefined}
        sub={oldest ? `longest ${shortDuration(now - oldest)}` : "nobody waiting"} />
      <Kpi id="service-level" label="Answered within SLA" value={percent(serviceLevel)} tone={serviceLevel !== null && serviceLevel < 0.8 ? "bad" : "good"}
        sub={`${withinSla} of ${answered} answered`} />
      <Kpi id="abandoned" label="Abandoned" value={String(abandoned)} tone={abandoned > 0 ? "bad" : undefined}
        sub={`${percent(ratio(abandoned, answered + abandoned))} of requests`} />
      <Kpi id="first-response" label="Avg. first response" value={shortDuration(timeSpanMs(quality.averageFirstResponse))}
        sub={plural(quality.firstResponses, "first reply", "first replies")} />
      <Kpi id="csat" label="CSAT" value={quality.averageCsat === null ? "—" : `${quality.averageCsat.toFixed(1)}`} suffix={quality.averageCsat === null ? "" : "/ 5"}
        sub={plural(quality.csatAnswers, "rating", "ratings")} meter={quality.averageCsat === null ? null : quality.averageCsat / 5} />
      <Kpi id="nps" label="NPS" value={quality.nps === null ? "—" : `${quality.nps > 0 ? "+" : ""}${Math.round(quality.nps)}`}
        tone={quality.nps === null ? undefined : quality.nps >= 30 ? "good" : quality.nps < 0 ? "bad" : undefined} sub={plural(quality.npsAnswers, "answer", "answers")} />
      <Kpi id="conversions" label="Conversions" value={String(quality.conversions)}
        sub={conversionRate === null ? `of ${quality.closedSessions ?? 0} closed` : `${percent(conversionRate)} of ${quality.closedSessions ?? 0} closed`} />
      <Kpi id="invitations" label="Invitations accepted" value={percent(acceptance)}
        sub={`${quality.invitationsAccepted} of ${quality.invitationsSent} proactive invitations`} />
    </section>
  );
}

function Kpi({ id, label, value, sub, tone, suffix, meter }: {
  id: string; label: string; value: string; sub: string; tone?: "good" | "warn" | "bad"; suffix?: string; meter?: number | null;
}) {
  return (
    <div class={`card kpi${tone ? ` kpi-${tone}` : ""}`} data-testid={`kpi-${id}`} role="group" aria-labelledby={`kpi-${id}-label`}>
      <span class="kpi-label" id={`kpi-${id}-label`}>{label}</span>
      <span class="kpi-value num" data-testid={`kpi-${id}-value`}>{value}{suffix && <small> {suffix}</small>}</span>
      {meter != null && <span class="kpi-meter" aria-hidden="true"><span style={{ width: `${meter * 100}%` }} /></span>}
      <span class="kpi-sub" data-testid={`kpi-${id}-sub`}>{sub}</span>
    </div>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
