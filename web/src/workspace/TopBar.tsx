import type { Workspace } from "./store";
import { Avatar, presenceText } from "../shared/ui";
import { BrandMark, LogoutIcon } from "../shared/icons";
import { countFor } from "./inboxState";
import { NotifyMenu } from "./notify/NotifyMenu";
import { AvailabilitySwitch } from "./AvailabilitySwitch";

/**
 * Brand, the mode switch (live chats, shared inbox or contacts), the availability switch (with an away reason), the live
 * status with the reason and load, the signed-in agent and the notifications menu.
 */
export function TopBar({ workspace }: { workspace: Workspace }) {
  const status = workspace.status.value;
  const mode = workspace.mode.value;
  const waiting = workspace.offers.value.length + workspace.sessions.value.reduce((n, s) => n + s.unread.value, 0);
  const scope = workspace.inbox.scope.value;
  const unassigned = scope ? countFor(workspace.inbox.counts.value, scope, { view: "unassigned", facet: null, status: "open" }) : null;
  const reason = status?.chosen === "away" ? status.awayReason : null;
  const presence = status?.presence ?? "offline";
  const load = status?.activeSessions.length ?? 0;

  return (
    <header class="topbar">
      <a class="topbar-brand" href="/workspace/"><BrandMark name="Engagement" size={28} /><span class="product">Workspace</span></a>
      <div class="topbar-center">
        <div class="segmented mode-switch" role="group" aria-label="Workspace mode">
          <button type="button" aria-pressed={mode === "live"} onClick={() => (workspace.mode.value = "live")}>
            Live chats {waiting > 0 && <span class="count" aria-label={`${waiting} waiting`}>{waiting}</span>}
          </button>
          <button type="button" aria-pressed={mode === "inbox"} data-testid="mode-inbox" onClick={() => (workspace.mode.value = "inbox")}>
            Shared inbox {!!unassigned && <span class="count" aria-label={`${unassigned} unassigned`}>{unassigned}</span>}
          </button>
          <button type="button" aria-pressed={mode === "contacts"} data-testid="mode-contacts" onClick={() => (workspace.mode.value = "contacts")}>
            Contacts
          </button>
        </div>
        <AvailabilitySwitch workspace={workspace} />
        <span class={`status-pill status-${presence}`} role="status" aria-live="polite" data-testid="agent-presence">
          <span class="dot" data-presence={presence} aria-hidden="true" />{presenceText(presence)}{reason && ` · ${reason}`}
          <span class="load" aria-label={`${load} of ${status?.capacity ?? 0} chats`}>{load}/{status?.capacity ?? "–"} chats</span>
        </span>
      </div>
      <div class="topbar-user">
        <Avatar id={workspace.login.agentId} name={workspace.login.name} presence={presence} />
        <div class="who"><strong>{workspace.login.name}</strong><span>{workspace.login.role}</span></div>
        {workspace.login.role !== "agent" && <a class="btn btn-sm btn-ghost" href="/dashboard/">Dashboard</a>}
        <NotifyMenu alerts={workspace.alerts} />
        <button class="btn btn-ghost icon-btn" type="button" aria-label="Sign out" title="Sign out" onClick={() => workspace.signOut()}><LogoutIcon size={18} /></button>
      </div>
    </header>
  );
}
