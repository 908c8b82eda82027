import type { DashboardSnapshot, SlaAlert, SlaBoard, SlaKind } from "../shared/protocol";
import { clockText } from "../shared/time";

const kindText: Record<SlaKind, string> = { firstResponse: "First response", nextResponse: "Next response", resolution: "Resolution" };

/**
 * SLA breaches and risks, live (docs/protocol.md, SLA policy): per queue the breaches today and the clocks in breach
 * or at risk now, each with its overdue time or time left. Pushed by the server as clocks change; only the times tick here.
 */
export function SlaPanel({ board, snapshot, now }: { board: SlaBoard; snapshot: DashboardSnapshot; now: number }) {
  const name = (queueId: string) => snapshot.queues.find((q) => q.queueId === queueId)?.name ?? queueId;
  const queueIds = [...new Set([...board.queues.map((q) => q.queueId), ...board.alerts.map((a) => a.queueId)])]
    .sort((a, b) => name(a).localeCompare(name(b)));
  const breachesOf = (queueId: string) => board.queues.find((q) => q.queueId === queueId)?.breaches ?? 0;
  const inBreach = board.alerts.filter((a) => a.level === "breached").length;

  return (
    <section class="card" aria-labelledby="sla-title" data-testid="sla-panel">
      <div class="card-head">
        <h2 id="sla-title">SLA</h2>
        <span class={`badge${inBreach > 0 ? " badge-red" : ""}`} data-testid="sla-in-breach">{inBreach} in breach</span>
      </div>
      {queueIds.length === 0 ? (
        <p class="db-sla-empty muted">No breaches today, and no chat at risk.</p>
      ) : (
        <ul class="db-sla">
          {queueIds.map((queueId) => (
            <li key={queueId} data-testid={`sla-queue-${queueId}`}>
              <div class="db-sla-queue">
                <strong>{name(queueId)}</strong>
                <span class="subtle" data-testid="sla-breaches">{breachesOf(queueId)} breach{breachesOf(queueId) === 1 ? "" : "es"} today</span>
              </div>
              <ul class="db-sla-alerts" aria-label={`${name(queueId)}: chats at risk or in breach`}>
                {board.alerts.filter((a) => a.queueId === queueId).map((a) => <AlertRow key={`${a.sessionId}/${a.kind}`} alert={a} agent={agentName(snapshot, a.agentId)} now={now} />)}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertRow({ alert, agent, now }: { alert: SlaAlert; agent: string | null; now: number }) {
  const left = Math.ceil((Date.parse(alert.dueAt) - now) / 1000);
  const breached = alert.level === "breached";
  return (
    <li class={`db-sla-alert ${breached ? "breached" : "at-risk"}`} data-testid="sla-alert" data-session={alert.sessionId} data-level={alert.level}>
      <span class={`badge ${breached ? "badge-red" : "badge-amber"}`}>{breached ? "Breached" : "At risk"}</span>
      <span>{kindText[alert.kind]}</span>
      <span class="num">{left <= 0 ? `overdue ${clockText(-left)}` : `${clockText(left)} left`}</span>
      <span class="subtle">{agent ?? "waiting"}</span>
    </li>
  );
}

function agentName(snapshot: DashboardSnapshot, agentId: string | null): string | null {
  if (!agentId) return null;
  return snapshot.agents.find((a) => a.agentId === agentId)?.displayName ?? agentId;
}
