import { useEffect, useRef } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import { ChatIcon, CloseIcon, PhoneIcon, WifiOffIcon } from "../shared/icons";
import { Avatar } from "../shared/ui";
import { Home } from "./Home";
import { Conversation } from "./Conversation";
import { LastingConversation } from "./LastingConversation";
import { focusFirst, useFocusKeeper } from "./focus";
import { brandColorCss } from "./appearance";

/** The launcher button, the chat panel and invitation bubbles. Esc closes the panel. */
export function Widget({ client }: { client: VisitorClient }) {
  const open = client.isOpen.value;
  const chat = client.chat.value;
  // The live chat comes first; else a lasting conversation the visitor opened (or just left a message in); else home.
  const lasting = client.conversations.open.value;
  const invitation = client.invitation.value;
  const unread = client.unread.value;
  const link = client.link.value;
  const callPhase = chat?.call.phase.value ?? "none";
  const inCall = callPhase === "active" || callPhase === "outgoing";
  const panel = useRef<HTMLDivElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  const look = client.appearance.value;

  // Focus follows the panel: into its first control (the question or the message box) when the visitor opens it,
  // back to the launcher on close. A panel that is open when the page loads (it was open on the last page) takes none.
  useEffect(() => {
    if (open && !wasOpen.current) {
      requestAnimationFrame(() => panel.current && focusFirst(panel.current));
    } else if (!open && wasOpen.current) {
      launcher.current?.focus();
    }
    wasOpen.current = open;
  }, [open]);
  useFocusKeeper(panel, open);

  return (
    <div class="root" data-open={open} data-position={look.position}>
      <style>{brandColorCss(look.color)}</style>
      {open && (
        <div class={`panel${chat || lasting ? " panel-chat" : ""}`} ref={panel} role="dialog" aria-modal="false" aria-label={`Chat with ${look.brand}`}
          onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); client.close(); } }}>
          {link !== "connected" && (
            <div class="link-banner" role="status">
              <WifiOffIcon size={14} /> {link === "connecting" ? "Connecting…" : "Reconnecting… your messages are safe."}
            </div>
          )}
          {chat ? <Conversation client={client} chat={chat} /> : lasting ? <LastingConversation client={client} open={lasting} /> : <Home client={client} />}
          <div class="powered">Powered by <strong>Engagement</strong></div>
        </div>
      )}
      {!open && invitation && (
        <div class="invite" role="alertdialog" aria-labelledby="eng-invite-text">
          <div class="invite-head">
            <Avatar id={invitation.agentId ?? invitation.queueId} name={invitation.agentName ?? look.brand} size="sm" />
            <strong>{invitation.agentName ?? look.brand}</strong>
            <button class="icon-btn ghost" type="button" aria-label="Dismiss invitation" onClick={() => client.answerInvitation(false)}><CloseIcon size={16} /></button>
          </div>
          <p id="eng-invite-text">{invitation.message}</p>
          <div class="invite-actions">
            <button class="btn btn-primary" type="button" onClick={() => client.answerInvitation(true)}>Chat now</button>
            <button class="btn" type="button" onClick={() => client.answerInvitation(false)}>No thanks</button>
          </div>
        </div>
      )}
      <button ref={launcher} class="launcher" type="button" aria-label={open ? "Close chat" : `Open chat${inCall ? ", call in progress" : ""}${unread ? `, ${unread} unread` : ""}`}
        aria-expanded={open} onClick={() => (open ? client.close() : client.open())}>
        {open ? <CloseIcon size={24} /> : <ChatIcon size={26} />}
        {!open && unread > 0 && <span class="launcher-badge" aria-hidden="true">{unread}</span>}
        {!open && inCall && <span class="launcher-call" aria-hidden="true"><PhoneIcon size={12} /></span>}
      </button>
    </div>
  );
}
