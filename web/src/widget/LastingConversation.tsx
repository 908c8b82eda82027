import { useEffect } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import { statusText } from "./conversationList";
import type { OpenConversation } from "./openConversation";
import type { ChatMessage } from "../shared/protocol";
import { MessageList } from "../shared/MessageList";
import { Composer } from "../shared/Composer";
import { BackIcon } from "../shared/icons";
import { dateTime } from "../shared/time";

/**
 * One lasting conversation, opened from "Your conversations" or just left as a message: its whole thread (messages
 * left, the team's replies, status lines, and its live chats, each marked where it begins), where it stands, where
 * replies go, and the box to write again (which opens a resolved conversation again).
 */
export function LastingConversation({ client, open }: { client: VisitorClient; open: OpenConversation }) {
  const view = open.view.value;
  const resolved = view?.status === "resolved";
  const { brand } = client.appearance.value;

  useEffect(() => client.conversations.seeOpen(), [open.messages.value.length]);

  // A live chat (an episode, with its own transcript) is marked where its messages begin.
  const divider = (previous: ChatMessage | undefined, m: ChatMessage) =>
    m.sessionId !== open.conversationId && previous?.sessionId !== m.sessionId ? `Live chat · ${dateTime(m.at)}` : null;

  return (
    <div class="conversation" data-conversation-id={open.conversationId}>
      <header class="convo-head">
        <button class="icon-btn ghost" type="button" aria-label="Back to your conversations" onClick={() => client.conversations.close()}>
          <BackIcon size={18} />
        </button>
        <span class="team-badge" aria-hidden="true">{brand.slice(0, 1)}</span>
        <div class="convo-title">
          <strong dir="auto">{view?.subject ?? brand}</strong>
          <span data-testid="conversation-status">{view ? statusText(view) : "Loading…"}</span>
        </div>
        <button class="icon-btn ghost" type="button" aria-label="Minimize chat" onClick={() => client.close()}>
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 12h12" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
        </button>
      </header>
      <p class="convo-note" data-testid="reply-note">
        {view?.contactEmail
          ? <>We'll reply here, or by email to <strong dir="auto">{view.contactEmail}</strong>.</>
          : "We'll reply here."}
      </p>
      {open.truncated.value && <p class="messages-note">Older messages are not shown.</p>}
      <MessageList thread={open} selfId={client.customerId.value} divider={divider} links={client.attachments.links}
        onRetry={(p) => void client.conversations.send(p.text, p.clientMessageId, p.attachments)}
        emptyText={open.loaded.value ? undefined : "Loading the conversation…"} />
      {resolved && <p class="convo-resolved" role="status">This conversation is resolved. Write again and it opens again.</p>}
      <Composer placeholder={resolved ? "Write to open it again…" : "Write a message…"} files={open.files}
        onSend={(text, attachments) => void client.conversations.send(text, undefined, attachments)} onTyping={() => {}} />
    </div>
  );
}
