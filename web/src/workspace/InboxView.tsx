import type { ComponentChildren } from "preact";
import type { Workspace } from "./store";
import type { InboxStore } from "./inboxStore";
import { channels, countFor, labelsInScope, type FacetKind, type InboxFilter, type InboxViewName } from "./inboxState";
import { Offers } from "./Inbox";
import { InboxList } from "./InboxList";
import { InboxConversation } from "./InboxConversation";
import { ContactPanel } from "./ContactConversations";
import { InboxIcon } from "../shared/icons";
import { channelNames } from "./inboxText";

/**
 * The shared inbox: the views with their live counts (unassigned, mine, all; by queue, channel and label), the
 * chosen view's list or the search's results, the open conversation, and its contact's conversations.
 */
export function InboxView({ workspace }: { workspace: Workspace }) {
  const inbox = workspace.inbox;
  const open = inbox.open.value;
  return (
    <div class="ws-main ws-inbox">
      <nav class="ws-rail ib-views" aria-label="Inbox views">
        <div class="rail-body">
          <Offers workspace={workspace} />
          <ViewsNav inbox={inbox} />
        </div>
      </nav>
      <InboxList inbox={inbox} />
      <main class="ws-center" aria-label="Conversation">
        {inbox.openId.value ? <InboxConversation key={inbox.openId.value} workspace={workspace} /> : <NothingOpen />}
      </main>
      <aside class="ws-context" aria-label="Customer context">
        {open ? <ContactPanel inbox={inbox} conversation={open.conversation} /> : <div class="empty"><p>The customer's conversations appear here.</p></div>}
      </aside>
    </div>
  );
}

function ViewsNav({ inbox }: { inbox: InboxStore }) {
  const scope = inbox.scope.value;
  const counts = inbox.counts.value;
  const filter = inbox.filter.value;
  const labels = labelsInScope(counts, scope ?? { selfId: inbox.selfId, queues: new Set() });
  if (filter.facet?.kind === "label" && !labels.includes(filter.facet.value)) labels.push(filter.facet.value);
  const item = (name: string, view: InboxViewName, facet: InboxFilter["facet"] = null) => {
    const target: InboxFilter = { view, facet, status: "open" };
    const key = facet ? `${facet.kind}-${facet.value}` : view;
    const selected = filter.view === view && filter.facet?.kind === facet?.kind && filter.facet?.value === facet?.value;
    return <ViewItem key={key} testId={`view-${key}`} name={name} count={scope ? countFor(counts, scope, target) : null}
      selected={selected} onChoose={() => inbox.choose(target)} />;
  };
  const facet = (kind: FacetKind, value: string) => ({ kind, value });
  return (
    <>
      <ViewGroup id="ib-views-main" title="Views">
        {item("Unassigned", "unassigned")}
        {item("Mine", "mine")}
        {item("All", "all")}
      </ViewGroup>
      {inbox.queues.value.length > 0 && (
        <ViewGroup id="ib-views-queues" title="Queues">
          {inbox.queues.value.map((q) => item(q.name, "all", facet("queue", q.queueId)))}
        </ViewGroup>
      )}
      <ViewGroup id="ib-views-channels" title="Channels">
        {channels.map((c) => item(channelNames[c] ?? c, "all", facet("channel", c)))}
      </ViewGroup>
      <ViewGroup id="ib-views-labels" title="Labels">
        {labels.length === 0 ? <li class="ib-views-empty">No labels on open conversations.</li> : labels.map((l) => item(l, "all", facet("label", l)))}
      </ViewGroup>
    </>
  );
}

function ViewGroup({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="rail-section" aria-labelledby={id}>
      <h2 id={id} class="rail-title">{title}</h2>
      <ul class="ib-view-list">{children}</ul>
    </section>
  );
}

/** One view: its name and how many open conversations it holds (updated live); the current one is marked. */
function ViewItem({ name, count, selected, onChoose, testId }: { name: string; count: number | null; selected: boolean; onChoose: () => void; testId: string }) {
  return (
    <li>
      <button type="button" class={`ib-view${selected ? " selected" : ""}`} aria-current={selected ? "true" : undefined} data-testid={testId} onClick={onChoose}>
        <span class="ib-view-name" dir="auto">{name}</span>
        {count !== null && <span class={count > 0 ? "count" : "badge"} data-testid="view-count">{count}</span>}
        {count !== null && <span class="sr-only"> open</span>}
      </button>
    </li>
  );
}

function NothingOpen() {
  return (
    <div class="empty ws-empty">
      <InboxIcon size={56} />
      <strong>No conversation open</strong>
      <p>Choose a conversation from the list, or search every transcript.</p>
    </div>
  );
}
