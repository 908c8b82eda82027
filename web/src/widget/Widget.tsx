import { useEffect, useRef } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import { ChatIcon, CloseIcon, WifiOffIcon } from "../shared/icons";
import { Avatar } from "../shared/ui";
import { Home } from "./Home";
import { Conversation } from "./Conversation";

/** The launcher button, the chat panel and invitation bubbles. Esc closes the panel. */
export function Widget({ client }: { client: VisitorClient }) {
  const open = client.isOpen.value;
  const thread = client.thread.value;
  const invitation = client.invitation.value;
  const unread = client.unread.value;
  const link = client.link.value;
  const panel = useRef<HTMLDivElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);

  // Focus follows the panel: into it on open, back to the launcher on close.
  useEffect(() => {
    if (open && !wasOpen.current) {
      requestAnimationFrame(() => panel.current?.querySelector<HTMLElement>("[data-autofocus], textarea, input, button")?.focus());
    } else if (!open && wasOpen.current) {
      launcher.current?.focus();
    }
    wasOpen.current = open;
  }, [open]);

  return (
    <div class="root" data-open={open}>
      {open && (
        <div class={`panel${thread ? " panel-chat" : ""}`} ref={panel} role="dialog" aria-modal="false" aria-label={`Chat with ${client.config.brand}`}
          onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); client.close(); } }}>
          {link !== "connected" && (
            <div class="link-banner" role="status">
              <WifiOffIcon size={14} /> {link === "connecting" ? "Connecting…" : "Reconnecting… your messages are safe."}
            </div>
          )}
          {thread ? <Conversation client={client} thread={thread} /> : <Home client={client} />}
          <div class="powered">Powered by <strong>Engagement</strong></div>
        </div>
      )}
      {!open && invitation && (
        <div class="invite" role="alertdialog" aria-labelledby="eng-invite-text">
          <div class="invite-head">
            <Avatar id={invitation.agentId ?? invitation.queueId} name={invitation.agentName ?? client.config.brand} size="sm" />
            <strong>{invitation.agentName ?? client.config.brand}</strong>
            <button class="icon-btn ghost" type="button" aria-label="Dismiss invitation" onClick={() => client.answerInvitation(false)}><CloseIcon size={16} /></button>
          </div>
          <p id="eng-invite-text">{invitation.message}</p>
          <div class="invite-actions">
            <button class="btn btn-primary" type="button" onClick={() => client.answerInvitation(true)}>Chat now</button>
            <button class="btn" type="button" onClick={() => client.answerInvitation(false)}>No thanks</button>
          </div>
        </div>
      )}
      <button ref={launcher} class="launcher" type="button" aria-label={open ? "Close chat" : unread ? `Open chat, ${unread} unread` : "Open chat"}
        aria-expanded={open} onClick={() => (open ? client.close() : client.open())}>
        {open ? <CloseIcon size={24} /> : <ChatIcon size={26} />}
        {!open && unread > 0 && <span class="launcher-badge" aria-hidden="true">{unread}</span>}
      </button>
    </div>
  );
}
