import { useEffect } from "preact/hooks";
import type { InboxStore } from "./inboxStore";
import type { ConversationView } from "../shared/protocol";
import { channelNames, contactName, statusNames } from "./inboxText";
import { dateTime } from "../shared/time";
import { InboxIcon, UserIcon } from "../shared/icons";

/** The context column of the shared inbox: who the customer is, and every conversation with them. */
export function ContactPanel({ inbox, conversation: c }: { inbox: InboxStore; conversation: ConversationView }) {
  return (
    <div class="context" data-testid="contact-panel">
      <section class="identity" aria-label="Who">
        <div class="identity-icon" aria-hidden="true"><UserIcon size={18} /></div>
        <div>
          <strong dir="auto">{contactName(c)}</strong> {c.contactEmail || c.contactName ? <span class="badge badge-brand">Known customer</span> : <span class="badge">Anonymous</span>}
          {c.contactEmail && <p class="muted">{c.contactEmail}</p>}
          <p class="subtle mono">{c.contactId}</p>
        </div>
      </section>
      <ContactConversations inbox={inbox} contactId={c.contactId} isCurrent={(x) => x.conversationId === c.conversationId} onOpen={(id) => inbox.openConversation(id)} />
    </div>
  );
}

/**
 * Every conversation of a contact the caller may see, across channels and queues, newest activity first; kept
 * live. The one on screen is marked; the others open in the shared inbox.
 */
export function ContactConversations({ inbox, contactId, isCurrent, onOpen }: {
  inbox: InboxStore; contactId: string; isCurrent: (c: ConversationView) => boolean; onOpen: (conversationId: string) => void;
}) {
  useEffect(() => inbox.watchContact(contactId), [contactId]);
  const list = inbox.contacts.value.get(contactId);
  const conversations = list?.conversations ?? [];
  return (
    <section class="ctx-section" data-testid="ctx-conversations" aria-label="Conversations">
      <h3><InboxIcon size={16} />Conversations{list?.state === "ready" && <span class="badge">{conversations.length}</span>}</h3>
      {!list || list.state === "loading" ? <p class="subtle">Loading…</p>
        : list.state === "error" ? <p class="subtle">The conversations could not be read.</p>
        : conversations.length === 0 ? <p class="subtle">No conversations yet.</p> : (
          <ul class="history ib-contact-list">
            {conversations.map((c) => {
              const current = isCurrent(c);
              return (
                <li key={c.conversationId} class={current ? "current" : ""}>
                  <span class="badge">{channelNames[c.channel] ?? c.channel}</span>
                  <div>
                    {current
                      ? <span aria-current="true">{c.subject ?? c.preview ?? "This conversation"} <span class="subtle">(shown)</span></span>
                      : <button type="button" class="link-btn ib-contact-open" onClick={() => onOpen(c.conversationId)}>{c.subject ?? c.preview ?? "Conversation"}</button>}
                    <span class="subtle">{statusNames[c.status]} · {inbox.queueName(c.queueId)} · {dateTime(c.lastActivityAt)}{c.sessionIds.length > 0 ? ` · ${c.sessionIds.length} live ${c.sessionIds.length === 1 ? "chat" : "chats"}` : ""}</span>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
    </section>
  );
}
