import { useState } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import { statusText } from "./conversationList";
import { clockTime, dateTime } from "../shared/time";
import { useNow } from "../shared/ui";

/** How many conversations the home shows before "Show all". */
const shownFirst = 3;

/**
 * "Your conversations" on the home: the visitor's lasting conversations, newest activity first, each with its last
 * line, where it stands, when, and "New reply" when the team wrote after what the visitor last saw. Each opens its
 * whole thread.
 */
export function YourConversations({ client }: { client: VisitorClient }) {
  const conversations = client.conversations;
  const list = conversations.list.value ?? [];
  const unread = conversations.unread.value;
  const [all, setAll] = useState(false);
  const now = useNow(60_000);
  if (list.length === 0) return null;
  const shown = all ? list : list.slice(0, shownFirst);

  return (
    <section class="card convos" aria-labelledby="eng-convos-title">
      <h3 id="eng-convos-title">Your conversations</h3>
      <ul class="convo-list">
        {shown.map((c) => {
          const isUnread = unread.has(c.conversationId);
          return (
            <li key={c.conversationId}>
              <button class="convo-item" type="button" data-testid="conversation-item" data-unread={isUnread}
                onClick={() => conversations.openConversation(c.conversationId)}>
                <span class="team-badge team-badge-sm" aria-hidden="true">{client.appearance.value.brand.slice(0, 1)}</span>
                <span class="convo-item-text">
                  <strong dir="auto">{c.preview ?? c.subject ?? "Live chat"}</strong>{" "}
                  <span>{statusText(c)} · <time dateTime={c.lastActivityAt}>{when(c.lastActivityAt, now)}</time></span>
                </span>{" "}
                {isUnread && <span class="new-reply">New reply</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {list.length > shownFirst && (
        <button class="link-btn convo-more" type="button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${list.length}`}
        </button>
      )}
    </section>
  );
}

/** The time today, the date and time before. */
function when(iso: string, now: number): string {
  return new Date(iso).toDateString() === new Date(now).toDateString() ? clockTime(iso) : dateTime(iso);
}
