import { useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SiteVisitor } from "../shared/protocol";
import { Avatar, useNow } from "../shared/ui";
import { shortDuration } from "../shared/time";
import { describe } from "../shared/errors";
import { shortId } from "./sessionEntry";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";

const defaultInvite = "Hi! I'm here if you have any questions — happy to help.";

/** Visitors on the site now, live: current page, time on site, and an invitation to chat. */
export function VisitorsList({ workspace }: { workspace: Workspace }) {
  const now = useNow();
  const visitors = [...workspace.site.visitors.value.values()].sort((a, b) => Date.parse(a.onSiteSince) - Date.parse(b.onSiteSince));
  if (!workspace.site.available.value) return <p class="rail-empty">Visitors on site are not available on this server.</p>;
  if (visitors.length === 0) return <p class="rail-empty">Nobody is on the site right now.</p>;
  return (
    <ul class="visitor-list" aria-label="Visitors on site">
      {visitors.map((v) => <VisitorRow key={v.customerId} workspace={workspace} visitor={v} now={now} />)}
    </ul>
  );
}

function VisitorRow({ workspace, visitor, now }: { workspace: Workspace; visitor: SiteVisitor; now: number }) {
  const [inviting, setInviting] = useState(false);
  const [message, setMessage] = useState(defaultInvite);
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);
  const name = visitor.displayName ?? `Visitor ${shortId(visitor.customerId)}`;

  async function send(event: Event) {
    event.preventDefault();
    setState("sending");
    setError(null);
    try {
      await workspace.invite(visitor.customerId, message.trim());
      setState("sent");
      setInviting(false);
    } catch (e) {
      setError(describe(e));
      setState("idle");
    }
  }

  return (
    <li class="visitor" data-testid="site-visitor" data-customer={visitor.customerId}>
      <div class="visitor-main">
        <Avatar id={visitor.customerId} name={name} presence={visitor.presence} size="sm" />
        <div class="visitor-text">
          <strong>{name} {visitor.isKnown && <span class="badge badge-brand">Known</span>}</strong>
          <span class="visitor-page" title={visitor.currentPage ?? ""}>{visitor.pageTitle ?? visitor.currentPage ?? "—"} <span class="mono">{visitor.currentPage}</span></span>
          <span class="visitor-times num">
            On site {shortDuration(now - Date.parse(visitor.onSiteSince))} · this page {shortDuration(now - Date.parse(visitor.pageSince))}
          </span>
        </div>
        {visitor.inSession ? (
          <span class="badge badge-green">In chat</span>
        ) : state === "sent" ? (
          <span class="badge badge-brand">Invited</span>
        ) : (
          <button class="btn btn-sm" type="button" aria-expanded={inviting} onClick={() => setInviting(!inviting)}>Invite</button>
        )}
      </div>
      {inviting && (
        <form class="invite-form" onSubmit={send} onKeyDown={(e) => e.key === "Escape" && setInviting(false)}>
          <label class="sr-only" for={`invite-${visitor.customerId}`}>Invitation message</label>
          <textarea id={`invite-${visitor.customerId}`} class="textarea" rows={2} value={message} autoFocus dir="auto"
            aria-describedby={`invite-count-${visitor.customerId}`} onInput={(e) => setMessage(e.currentTarget.value)} />
          <CharCount id={`invite-count-${visitor.customerId}`} text={message} max={limits.invitation} />
          {error && <p class="error-text" role="alert">{error}</p>}
          <div class="invite-form-actions">
            <button class="btn btn-primary btn-sm" type="submit" disabled={state === "sending" || !message.trim() || lengthStatus(message, limits.invitation).over}>Send invitation</button>
            <button class="btn btn-ghost btn-sm" type="button" onClick={() => setInviting(false)}>Cancel</button>
          </div>
        </form>
      )}
    </li>
  );
}
