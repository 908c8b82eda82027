import type { Workspace } from "./store";
import { Avatar, presenceText } from "../shared/ui";
import { BrandMark, LogoutIcon } from "../shared/icons";

/** Brand, the presence switch with the live status and load, and the signed-in agent. */
export function TopBar({ workspace }: { workspace: Workspace }) {
  const status = workspace.status.value;
  const chosen = status?.chosen ?? "available";
  const presence = status?.presence ?? "offline";
  const load = status?.activeSessions.length ?? 0;

  return (
    <header class="topbar">
      <a class="topbar-brand" href="/workspace/"><BrandMark name="Engagement" size={28} /><span class="product">Workspace</span></a>
      <div class="topbar-center">
        <div class="segmented" role="group" aria-label="Your availability">
          <button type="button" aria-pressed={chosen === "available"} onClick={() => workspace.setAvailability("available")}>
            <span class="dot" data-presence="available" aria-hidden="true" /> Available
          </button>
          <button type="button" aria-pressed={chosen === "away"} onClick={() => workspace.setAvailability("away")}>
            <span class="dot" data-presence="away" aria-hidden="true" /> Away
          </button>
        </div>
        <span class={`status-pill status-${presence}`} role="status" aria-live="polite" data-testid="agent-presence">
          <span class="dot" data-presence={presence} aria-hidden="true" />{presenceText(presence)}
          <span class="load" aria-label={`${load} of ${status?.capacity ?? 0} chats`}>{load}/{status?.capacity ?? "–"} chats</span>
        </span>
      </div>
      <div class="topbar-user">
        <Avatar id={workspace.login.agentId} name={workspace.login.name} presence={presence} />
        <div class="who"><strong>{workspace.login.name}</strong><span>{workspace.login.role}</span></div>
        {workspace.login.role !== "agent" && <a class="btn btn-sm btn-ghost" href="/dashboard/">Dashboard</a>}
        <button class="btn btn-ghost icon-btn" type="button" aria-label="Sign out" title="Sign out" onClick={() => workspace.signOut()}><LogoutIcon size={18} /></button>
      </div>
    </header>
  );
}
