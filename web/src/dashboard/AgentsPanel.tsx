import type { AgentPresence, DashboardSnapshot } from "../shared/protocol";
import { Avatar, presenceText } from "../shared/ui";
import { awayText } from "./format";

const order: AgentPresence[] = ["available", "busy", "away", "offline"];

/**
 * Agents grouped by presence, each with their load against capacity; an away agent with their reason and the time since (ticking);
 * each live chat with "Monitor", which opens it in the workspace to supervise it (monitor, whisper, barge in).
 */
export function AgentsPanel({ snapshot, now }: { snapshot: DashboardSnapshot; now: number }) {
  const agents = [...snapshot.agents].sort((a, b) => order.indexOf(a.presence) - order.indexOf(b.presence) || a.displayName.localeCompare(b.displayName));
  const counts = order.map((p) => [p, snapshot.agents.filter((a) => a.presence === p).length] as const);
  return (
    <section class="card" aria-labelledby="agents-title">
      <div class="card-head"><h2 id="agents-title">Agents</h2>
        <span class="presence-counts">
          {counts.map(([p, n]) => <span key={p} class="badge" data-testid={`agents-${p}`}><span class="dot" data-presence={p} aria-hidden="true" />{n} {presenceText(p).toLowerCase()}</span>)}
        </span>
      </div>
      <ul class="agent-list">
        {agents.map((a) => (
          <li key={a.agentId} data-testid={`agent-${a.agentId}`}>
            <Avatar id={a.agentId} name={a.displayName} presence={a.presence} size="sm" />
            <span class="agent-name"><strong>{a.displayName}</strong><span class={`presence-text p-${a.presence}`}>{a.presence === "away" ? awayText(a.awayReason, a.chosenSince, now) : presenceText(a.presence)}</span></span>
            <span class="load" aria-label={`${a.activeSessions} of ${a.capacity} chats`}>
              <span class="load-bar" aria-hidden="true"><span style={{ width: `${a.capacity ? Math.min(1, a.activeSessions / a.capacity) * 100 : 0}%` }} /></span>
              <span class="num">{a.activeSessions}/{a.capacity}</span>
            </span>
            {(a.sessionIds?.length ?? 0) > 0 && (
              <span class="agent-sessions">
                {a.sessionIds!.map((id, i) => (
                  <a key={id} class="btn btn-sm" href={`/workspace/?supervise=${encodeURIComponent(id)}`} target="_blank" rel="noopener"
                    aria-label={`Monitor ${a.displayName}'s chat ${i + 1}`}>Monitor{a.sessionIds!.length > 1 ? ` ${i + 1}` : ""}</a>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
