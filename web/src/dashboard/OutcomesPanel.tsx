import type { DashboardSnapshot } from "../shared/protocol";

/** How closed conversations ended (lead and sale count as conversions). */
export function OutcomesPanel({ snapshot }: { snapshot: DashboardSnapshot }) {
  const outcomes = Object.entries(snapshot.quality.outcomes).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...outcomes.map(([, n]) => n));
  return (
    <section class="card" aria-labelledby="outcomes-title">
      <div class="card-head"><h2 id="outcomes-title">Outcomes of closed conversations</h2><span class="badge">{snapshot.quality.closedSessions ?? outcomes.reduce((n, [, c]) => n + c, 0)} closed</span></div>
      <div class="card-body">
        {outcomes.length === 0 ? <p class="muted">No conversations closed yet.</p> : (
          <ul class="outcomes">
            {outcomes.map(([name, n]) => (
              <li key={name} data-testid={`outcome-${name}`}>
                <span class="outcome-name">{name}</span>
                <span class="outcome-bar" aria-hidden="true"><span style={{ width: `${(n / max) * 100}%` }} /></span>
                <span class="num">{n}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
