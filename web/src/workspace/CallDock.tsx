import type { Workspace } from "./store";
import { CallPanel } from "../shared/call/CallPanel";

/**
 * Calls of conversations other than the one on screen (any, while the shared inbox is shown): a call keeps going (and a new one can be
 * answered) while the agent works in another conversation; "Show" brings its conversation back.
 */
export function CallDock({ workspace }: { workspace: Workspace }) {
  const selectedId = workspace.mode.value === "live" ? workspace.selectedId.value : null;
  const elsewhere = workspace.sessions.value.filter((e) => e.sessionId !== selectedId && !e.supervised && e.call.phase.value !== "none" && e.call.phase.value !== "joinable");
  if (elsewhere.length === 0) return null;
  return (
    <div class="call-dock" role="region" aria-label="Calls in other conversations">
      {elsewhere.map((entry) => (
        <div key={entry.sessionId} class="call-dock-item">
          <div class="call-dock-head">
            <span>{entry.call.phase.value === "incoming" ? "Incoming call" : "On a call"} · {entry.customerName}</span>
            <button class="btn btn-sm btn-ghost" type="button" onClick={() => workspace.showSession(entry.sessionId)}>Show</button>
          </div>
          <CallPanel call={entry.call} peer={{ id: entry.customerId ?? entry.sessionId, name: entry.customerName }} />
        </div>
      ))}
    </div>
  );
}
