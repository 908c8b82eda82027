import type { DashboardSnapshot } from "../shared/protocol";
import { shortDuration, timeSpanMs } from "../shared/time";
import { percent, ratio } from "./format";

/** Per queue: waiting, longest wait (ticking), answered within the SLA, abandoned, and who can answer. */
export function QueuesTable({ snapshot, now }: { snapshot: DashboardSnapshot; now: number }) {
  return (
    <section class="card" aria-labelledby="queues-title">
      <div class="card-head"><h2 id="queues-title">Queues</h2><span class="badge">{snapshot.queues.length}</span></div>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Queue</th><th scope="col" class="r">Waiting</th><th scope="col" class="r">Longest wait</th>
              <th scope="col">Within SLA</th><th scope="col" class="r">Answered</th><th scope="col" class="r">Abandoned</th><th scope="col">Agents</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.queues.map((q) => {
              const level = q.serviceLevel ?? ratio(q.answeredWithinSla, q.answered);
              const longest = q.oldestWaitingSince ? now - Date.parse(q.oldestWaitingSince) : null;
              const overSla = longest !== null && longest > (timeSpanMs(q.slaTarget) ?? Infinity);
              return (
                <tr key={q.queueId} data-testid={`queue-${q.queueId}`}>
                  <th scope="row"><strong>{q.name}</strong><span class="subtle mono">{q.queueId} · SLA {shortDuration(timeSpanMs(q.slaTarget))}</span></th>
                  <td class="r num" data-testid="queue-waiting"><span class={q.waiting ? "pill-warn" : ""}>{q.waiting}</span></td>
                  <td class={`r num${overSla ? " over" : ""}`}>{longest === null ? "—" : shortDuration(longest)}</td>
                  <td>
                    <span class="sla">
                      <span class="sla-bar" aria-hidden="true"><span class={level !== null && level < 0.8 ? "low" : ""} style={{ width: `${(level ?? 0) * 100}%` }} /></span>
                      <span class="num">{percent(level)}</span>
                    </span>
                  </td>
                  <td class="r num" data-testid="queue-answered">{q.answered}</td>
                  <td class="r num" data-testid="queue-abandoned">{q.abandoned}</td>
                  <td>
                    <span class="agents-mini">
                      <span title="Available"><span class="dot" data-presence="available" aria-hidden="true" />{q.agentsAvailable}</span>
                      <span title="Busy"><span class="dot" data-presence="busy" aria-hidden="true" />{q.agentsBusy}</span>
                      <span title="Away"><span class="dot" data-presence="away" aria-hidden="true" />{q.agentsAway}</span>
                      <span class="sr-only">{q.agentsAvailable} available, {q.agentsBusy} busy, {q.agentsAway} away</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
