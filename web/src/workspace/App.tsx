import { useEffect, useMemo, useState } from "preact/hooks";
import type { LoginResponse } from "../shared/protocol";
import { Workspace } from "./store";
import { TopBar } from "./TopBar";
import { Inbox } from "./Inbox";
import { VisitorsList } from "./VisitorsList";
import { ConversationView } from "./ConversationView";
import { ContextPanel } from "./ContextPanel";
import { Toasts } from "./Toasts";
import { CallDock } from "./CallDock";
import { InboxIcon, UsersIcon } from "../shared/icons";
import { InboxView } from "./InboxView";
import { ContactsView } from "./ContactsView";

/**
 * The workspace: top bar; in the live mode the agent's offers and chats or the visitors on the left, the selected
 * chat, its live context; in the inbox mode the team's shared inbox (InboxView); in the contacts mode the contacts
 * (ContactsView).
 */
export function App({ login, onSignedOut }: { login: LoginResponse; onSignedOut: () => void }) {
  const workspace = useMemo(() => new Workspace(login, onSignedOut), [login]);
  const [tab, setTab] = useState<"inbox" | "visitors">("inbox");
  useEffect(() => {
    // /workspace/?supervise=<sessionId> (the dashboard's Monitor): a supervisor opens that session to supervise it.
    const supervise = new URLSearchParams(location.search).get("supervise");
    void workspace.start().then(() => (supervise ? workspace.supervise(supervise) : undefined)).catch(() => {});
    return () => workspace.dispose();
  }, [workspace]);

  const selected = workspace.selected.value;
  const offers = workspace.offers.value.length;
  const visitors = workspace.site.visitors.value.size;
  // A new offer, or an offer's notification clicked, brings the inbox forward (the tab's title is the notifier's: notify/).
  const offerInView = workspace.offerInView.value;
  useEffect(() => { if (offers > 0 || offerInView) setTab("inbox"); }, [offers, offerInView]);

  return (
    <div class="ws">
      <TopBar workspace={workspace} />
      {workspace.link.value !== "connected" && (
        <div class="banner" role="status">{workspace.link.value === "connecting" ? "Connecting…" : "Connection lost — reconnecting. Your conversations will resume where they left off."}</div>
      )}
      {workspace.mode.value === "inbox" ? <InboxView workspace={workspace} /> : workspace.mode.value === "contacts" ? <ContactsView workspace={workspace} /> : <div class="ws-main">
        <aside class="ws-rail" aria-label="Inbox and visitors">
          <div class="tabs" role="tablist" aria-label="Lists">
            <button role="tab" id="tab-inbox" aria-controls="panel-inbox" aria-selected={tab === "inbox"} onClick={() => setTab("inbox")}>
              <InboxIcon size={16} /> Inbox {offers > 0 && <span class="count" aria-label={`${offers} offers`}>{offers}</span>}
            </button>
            <button role="tab" id="tab-visitors" aria-controls="panel-visitors" aria-selected={tab === "visitors"} onClick={() => setTab("visitors")}>
              <UsersIcon size={16} /> Visitors <span class="badge" aria-label={`${visitors} on site`}>{visitors}</span>
            </button>
          </div>
          {tab === "inbox"
            ? <div id="panel-inbox" role="tabpanel" aria-labelledby="tab-inbox" class="rail-body"><Inbox workspace={workspace} /></div>
            : <div id="panel-visitors" role="tabpanel" aria-labelledby="tab-visitors" class="rail-body"><VisitorsList workspace={workspace} /></div>}
        </aside>
        <main class="ws-center" aria-label="Conversation">
          {selected ? <ConversationView key={selected.sessionId} workspace={workspace} entry={selected} /> : <NoConversation workspace={workspace} />}
        </main>
        <aside class="ws-context" aria-label="Customer context">
          {selected ? <ContextPanel key={selected.sessionId} workspace={workspace} entry={selected} /> : <div class="empty"><p>The customer's live context appears here.</p></div>}
        </aside>
      </div>}
      <CallDock workspace={workspace} />
      <Toasts workspace={workspace} onInvite={() => setTab("visitors")} />
    </div>
  );
}

function NoConversation({ workspace }: { workspace: Workspace }) {
  const status = workspace.status.value;
  return (
    <div class="empty ws-empty">
      <svg width="56" height="56" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.2" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12Z" /></svg>
      <strong>No conversation selected</strong>
      <p>{status?.chosen === "away" ? "You're away. Switch to Available to receive chats." : "New chats appear in your inbox. You can also invite a visitor who is on the site now."}</p>
    </div>
  );
}
