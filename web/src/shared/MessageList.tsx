import { Fragment } from "preact";
import { usePinnedScroll } from "./pinnedScroll";
import type { ReadonlySignal } from "@preact/signals";
import type { ChatMessage } from "./protocol";
import type { PendingMessage } from "./thread";
import { clockTime } from "./time";
import { Avatar } from "./ui";
import { CheckCheckIcon, CheckIcon } from "./icons";
import type { AttachmentLinks } from "./attachments/links";
import { MessageAttachments } from "./attachments/MessageAttachments";
import { filesSummary } from "./attachments/files";

/**
 * What MessageList shows: a live session's Thread, or a lasting conversation whose messages come from several
 * transcripts (its own and its live chats'), told apart by sessionId.
 */
export interface MessageSource {
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  readonly pending: ReadonlySignal<PendingMessage[]>;
  /** Who else is typing: participant id → display name. */
  readonly typing: ReadonlySignal<Record<string, string>>;
  /** Highest seq each participant has read. */
  readonly reads: ReadonlySignal<Record<string, number>>;
}

/**
 * A conversation as bubbles, from one participant's point of view (own messages on the right), with
 * pending sends, read receipts on the own last message, and who is typing. The widget and the
 * workspace both use it; each styles the same classes. What people wrote is `dir="auto"`: an Arabic or Hebrew
 * message reads right to left whatever the page's direction. `divider` may put a line before a message (where a
 * lasting conversation's live chat begins). A message's files show under its text (previews and chips, read through
 * `links`); a pending message names its files.
 */
export function MessageList({ thread, selfId, onRetry, emptyText, divider, links }: {
  thread: MessageSource; selfId: string; onRetry: (pending: PendingMessage) => void; emptyText?: string;
  divider?: (previous: ChatMessage | undefined, message: ChatMessage) => string | null; links: AttachmentLinks;
}) {
  const messages = thread.messages.value;
  const pending = thread.pending.value;
  const typing = Object.values(thread.typing.value);
  const reads = thread.reads.value;
  const scroller = usePinnedScroll([messages.length, pending.length, typing.length]);

  const lastOwn = [...messages].reverse().find((m) => m.senderId === selfId && m.kind === "text");
  const readByOthers = Object.entries(reads).some(([who, seq]) => who !== selfId && lastOwn && seq >= lastOwn.seq);

  return (
    // Focusable (tabIndex 0): a conversation longer than its box scrolls, and keyboard users scroll it with the arrow keys.
    <div class="messages" ref={scroller} role="log" tabIndex={0} aria-live="polite" aria-relevant="additions" aria-label="Conversation">
      {messages.length === 0 && pending.length === 0 && emptyText && <p class="messages-empty">{emptyText}</p>}
      {messages.map((m, i) => {
        const line = divider?.(messages[i - 1], m);
        return (
          <Fragment key={`${m.sessionId}:${m.seq}`}>
            {line && <div class="msg-divider"><span>{line}</span></div>}
            <Bubble message={m} self={m.senderId === selfId} grouped={!line && groupedWith(messages[i - 1], m)}
              receipt={m === lastOwn ? (readByOthers ? "read" : "delivered") : null} links={links} />
          </Fragment>
        );
      })}
      {pending.map((p) => (
        <div key={p.clientMessageId} class="msg msg-self" data-state={p.state}>
          {p.text && <div class="bubble" dir="auto">{p.text}</div>}
          {p.attachments?.length ? <div class="bubble att-pending-line" dir="auto">{filesSummary(p.attachments)}</div> : null}
          <div class="msg-meta">
            {p.state === "sending" ? "Sending…" : (
              <span class="failed">{p.error ?? "Not sent."} <button type="button" class="link-btn" onClick={() => onRetry(p)}>Retry</button></span>
            )}
          </div>
        </div>
      ))}
      {typing.length > 0 && (
        <div class="typing" aria-live="polite">
          <span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>
          <span>{typing.join(", ")} {typing.length > 1 ? "are" : "is"} typing…</span>
        </div>
      )}
    </div>
  );
}

function groupedWith(previous: ChatMessage | undefined, m: ChatMessage): boolean {
  return !!previous && previous.kind === "text" && m.kind === "text" && previous.senderId === m.senderId
    && Date.parse(m.at) - Date.parse(previous.at) < 120_000;
}

function Bubble({ message, self, grouped, receipt, links }: {
  message: ChatMessage; self: boolean; grouped: boolean; receipt: "read" | "delivered" | null; links: AttachmentLinks;
}) {
  // Staff-only entries (whispers, supervision lines) reach staff alone (docs/protocol.md, "Agent hub: supervision").
  if (message.kind === "staffEvent") {
    return <div class="msg-event msg-staff" data-seq={message.seq}><span><span class="staff-tag">Staff only</span> {message.text}</span> <time>{clockTime(message.at)}</time></div>;
  }
  if (message.kind === "event" || message.senderRole === "system") {
    return <div class="msg-event" data-seq={message.seq}><span>{message.text}</span> <time>{clockTime(message.at)}</time></div>;
  }
  const whisper = message.kind === "whisper";
  return (
    <div class={`msg ${self ? "msg-self" : "msg-other"}${grouped ? " msg-grouped" : ""}${whisper ? " msg-whisper" : ""}`} data-seq={message.seq} data-role={message.senderRole}>
      {whisper && <div class="msg-author whisper-tag">{self ? "You whispered (the visitor does not see this)" : `${message.senderName} whispers (the visitor does not see this)`}</div>}
      {!self && !grouped && !whisper && (
        <div class="msg-author">
          <Avatar id={message.senderId} name={message.senderName} size="sm" />
          <span dir="auto">{message.senderName}</span>
        </div>
      )}
      {(message.text || !message.attachments?.length) && <div class="bubble" dir="auto">{message.text}</div>}
      <MessageAttachments attachments={message.attachments} links={links} />
      <div class="msg-meta">
        <time dateTime={message.at}>{clockTime(message.at)}</time>
        {receipt && (
          <span class={`receipt receipt-${receipt}`} aria-label={receipt === "read" ? "Seen" : "Delivered"}>
            {receipt === "read" ? <CheckCheckIcon size={14} /> : <CheckIcon size={14} />}
            {receipt === "read" ? "Seen" : "Delivered"}
          </span>
        )}
      </div>
    </div>
  );
}
