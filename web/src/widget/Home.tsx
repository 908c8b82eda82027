import { useEffect, useRef, useState } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import type { DirectoryEntry } from "../shared/protocol";
import { Avatar, presenceText, useNow } from "../shared/ui";
import { upcoming } from "../shared/time";
import { SendIcon } from "../shared/icons";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";
import { LeaveMessage } from "./LeaveMessage";
import { YourConversations } from "./YourConversations";
import { PreChatFields } from "./PreChatFields";

/**
 * How the visitor chooses to engage: with the team (the queue) or with one representative from the
 * directory, each shown with live presence. The topic is optional and goes with either choice. When the directory
 * says nobody serving the queue is online, "Leave us a message" comes first (waiting in line stays possible); out of
 * the queue's business hours it is the only way (a chat would be refused), with when the team opens again. A
 * visitor with lasting conversations finds them here too. When the queue has a pre-chat form, its questions come
 * first in the start card (or, while "Leave us a message" is shown, once, in that form, whose answers a chat takes
 * too); a problem is announced and its field focused.
 */
export function Home({ client }: { client: VisitorClient }) {
  const [topic, setTopic] = useState("");
  // The start on its way (also one a reload repeats): which button says "Connecting…".
  const starting = client.starting.value;
  const busy = starting ? starting.agentId ?? "queue" : null;
  const directory = client.directory.value;
  const online = client.online.value;
  const agentsOnline = client.agentsOnline.value;
  // Representatives who serve this site's queue; the session goes to that queue with them as the choice.
  const reps = (directory ?? []).filter((r) => r.queues.includes(client.config.queue));
  const look = client.appearance.value;

  const topicTooLong = lengthStatus(topic, limits.topic).over;
  // Known only once the directory has answered: until then (or on a server without it) the chat is offered as ever.
  const closed = client.team.closed.value;
  const opensAt = client.team.opensAt.value;
  const nobodyOnline = closed || (directory !== null && agentsOnline === 0);
  const now = useNow(60_000);
  // A message being written (or sent) stays in view when someone comes online meanwhile.
  const draft = client.conversations.draft.text.value.trim() !== "" || client.conversations.leaving.value;
  const showForm = nobodyOnline || draft;
  const home = useRef<HTMLDivElement>(null);
  const preChat = client.preChat;
  const formProblem = preChat.problem.value;
  const form = preChat.form.value;

  // The form comes from the server after the widget may have opened: its first question then takes the focus from the
  // (still empty) topic that the view had focused, unless the visitor has moved on.
  useEffect(() => {
    // The widget lives in a shadow root: the focused element is that root's, not the document's.
    const root = home.current?.getRootNode() as Document | ShadowRoot | undefined;
    const active = root?.activeElement as HTMLTextAreaElement | null | undefined;
    if (!form || !home.current || active?.id !== "eng-topic" || active.value !== "") return;
    home.current.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [form]);

  async function start(agent: DirectoryEntry | null) {
    if (busy || topicTooLong) return;
    await client.startSession(topic.trim() || null, agent?.agentId ?? null);
    const field = preChat.problem.value?.field;
    if (field) home.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  }

  return (
    <div class="home" ref={home}>
      <header class="hero">
        <div class="hero-top">
          <span class="hero-brand">{look.brand}</span>
          <button class="icon-btn on-brand" type="button" aria-label="Minimize chat" onClick={() => client.close()}>
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 12h12" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
          </button>
        </div>
        <h2>{look.greetingTitle}</h2>
        <p>{look.greetingText}</p>
        {directory && (
          <div class="hero-status" role="status">
            <span class="stack" aria-hidden="true">
              {online.slice(0, 3).map((r) => <Avatar key={r.agentId} id={r.agentId} name={r.displayName} photoUrl={r.photoUrl} size="sm" />)}
            </span>
            <span class={`status-dot ${agentsOnline && !closed ? "on" : ""}`} aria-hidden="true" />
            <span data-testid="agents-online">
              {closed ? (opensAt ? `We're closed now; we open again ${upcoming(opensAt, now)}.` : look.closedText)
                : agentsOnline ? `${agentsOnline} ${agentsOnline === 1 ? "person" : "people"} online now` : look.offlineText}
            </span>
          </div>
        )}
      </header>
      <div class="home-body">
        <YourConversations client={client} />
        {showForm && <LeaveMessage client={client} />}
        {!closed && (
          <form class="card start" aria-labelledby="eng-start-title" noValidate onSubmit={(e) => { e.preventDefault(); void start(null); }}>
            <h3 id="eng-start-title">{nobodyOnline ? "Or wait here to chat" : showForm ? "Or chat with us now" : "Start a conversation"}</h3>
            {showForm
              ? formProblem && <p class="error" role="alert">{formProblem.text}</p>
              : <PreChatFields preChat={preChat} name={client.conversations.draft.name} email={client.conversations.draft.email} problem={formProblem} prefix="eng-start-pc" autoFocus />}
            <label class="sr-only" for="eng-topic">What can we help you with? (optional)</label>
            <textarea id="eng-topic" class="input topic" rows={2} placeholder="What can we help you with? (optional)" value={topic} dir="auto"
              data-autofocus={(!showForm && !preChat.form.value) || undefined} aria-describedby="eng-topic-count" aria-invalid={topicTooLong || undefined} onInput={(e) => setTopic(e.currentTarget.value)}
              onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); void start(null); } }} />
            <CharCount id="eng-topic-count" text={topic} max={limits.topic} />
            <button class={`btn btn-block${showForm ? "" : " btn-primary"}`} type="submit" disabled={!!busy || topicTooLong}>
              <SendIcon size={16} /> {busy === "queue" ? "Connecting…" : look.startLabel}
            </button>
            {client.error.value && <p class="error" role="alert">{client.error.value}</p>}
          </form>
        )}
        {!closed && reps.length > 0 && (
          <section class="card reps" aria-labelledby="eng-reps-title">
            <h3 id="eng-reps-title">Or talk to someone you know</h3>
            <ul class="rep-list">
              {reps.map((r) => (
                <li key={r.agentId}>
                  <RepButton rep={r} busy={busy} disabled={!!busy || topicTooLong || r.presence === "offline" || r.presence === "away"} onClick={() => start(r)} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

/**
 * One representative to chat with. Its name is what it shows, in order and with commas for screen readers ("Chat
 * with Priya Nair, Product specialist, billing, Available"), so a voice command naming what is seen finds it.
 */
function RepButton({ rep, busy, disabled, onClick }: { rep: DirectoryEntry; busy: string | null; disabled: boolean; onClick: () => void }) {
  const subtitle = rep.title ?? rep.skills.join(" · ");
  const chips = rep.title ? rep.skills.slice(0, 3) : [];
  const state = busy === rep.agentId ? "Connecting…" : presenceText(rep.presence);
  return (
    <button class="rep" type="button" disabled={disabled} onClick={onClick}
      aria-label={[`Chat with ${rep.displayName}`, subtitle, ...chips, state].filter(Boolean).join(", ")}>
      {/* The spaces keep the words apart for tools that read the text run by run (axe's label-in-name check). */}
      <Avatar id={rep.agentId} name={rep.displayName} photoUrl={rep.photoUrl} presence={rep.presence} decorative />
      <span class="rep-text">
        <strong>{rep.displayName}</strong>{" "}
        <span>{subtitle}</span>{" "}
        {chips.length > 0 && <span class="chips">{chips.map((s) => <i key={s}>{s} </i>)}</span>}
      </span>{" "}
      <span class={`presence presence-${rep.presence}`}>{state}</span>
    </button>
  );
}
