import { useEffect, useRef, useState } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import type { LiveChat } from "./liveChat";
import { MessageList } from "../shared/MessageList";
import { Composer } from "../shared/Composer";
import { Avatar, presenceText, useNow } from "../shared/ui";
import { friendlyWait, shortDuration, timeSpanMs } from "../shared/time";
import { Rating } from "./Rating";
import { LeaveMessage } from "./LeaveMessage";
import { CallPanel } from "../shared/call/CallPanel";
import { callsSupported } from "../shared/call/devices";
import { PhoneIcon, VideoIcon } from "../shared/icons";
import { focusFirst } from "./focus";

const waiting = new Set(["requested", "queued", "offered"]);

/** The open session: who is answering, the live queue position while waiting, the chat, then the rating. */
export function Conversation({ client, chat }: { client: VisitorClient; chat: LiveChat }) {
  const thread = chat.thread;
  const session = thread.session.value;
  const status = session?.status ?? "requested";
  const agent = session?.participants.find((p) => p.role === "agent" && !p.leftAt) ?? session?.participants.find((p) => p.role === "agent");
  const chosen = session?.preferredAgentId ? client.directory.value?.find((r) => r.agentId === session.preferredAgentId) : undefined;
  const rep = client.directory.value?.find((r) => r.agentId === (agent?.id ?? chosen?.agentId));
  const ended = status === "wrapUp" || status === "closed";
  const [confirmLeave, setConfirmLeave] = useState(false);
  const isWaiting = waiting.has(status);
  // "Leave a message instead" (offered while waiting) swaps the thread for the form; an agent who answers first ends it.
  const [leaving, setLeaving] = useState(false);
  const leavingNow = leaving && isWaiting;
  useEffect(() => { if (!isWaiting) setLeaving(false); }, [isWaiting]);
  const leaveView = useRef<HTMLDivElement>(null);
  useEffect(() => { if (leavingNow && leaveView.current) focusFirst(leaveView.current); }, [leavingNow]);
  const call = chat.call;
  const canCall = status === "active" && !!agent && call.phase.value === "none" && callsSupported();

  useEffect(() => void client.markRead(), [thread.messages.value.length]);
  // "End chat" asks first: the question takes focus, so a keyboard user answers it next.
  const confirmYes = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (confirmLeave) confirmYes.current?.focus(); }, [confirmLeave]);

  return (
    <div class="conversation">
      <header class="convo-head">
        {agent || chosen ? (
          <Avatar id={agent?.id ?? chosen!.agentId} name={agent?.displayName ?? chosen!.displayName} photoUrl={rep?.photoUrl}
            presence={rep?.presence ?? (agent ? "available" : undefined)} />
        ) : (
          <span class="team-badge" aria-hidden="true">{client.appearance.value.brand.slice(0, 1)}</span>
        )}
        <div class="convo-title">
          <strong>{agent?.displayName ?? chosen?.displayName ?? client.appearance.value.brand}</strong>
          <span>{ended ? "Conversation ended" : agent ? (rep?.title ?? client.appearance.value.brand) : rep ? `${presenceText(rep.presence)} · we'll let them know` : "We'll be with you shortly"}</span>
        </div>
        {canCall && (
          <>
            <button class="icon-btn ghost" type="button" aria-label="Audio call" title="Audio call" disabled={call.busy.value} onClick={() => void call.start("audio")}><PhoneIcon size={18} /></button>
            <button class="icon-btn ghost" type="button" aria-label="Video call" title="Video call" disabled={call.busy.value} onClick={() => void call.start("video")}><VideoIcon size={19} /></button>
          </>
        )}
        {!ended && (
          <button class="btn btn-sm ghost" type="button" onClick={() => setConfirmLeave(true)}>End chat</button>
        )}
        <button class="icon-btn ghost" type="button" aria-label="Minimize chat" onClick={() => client.close()}>
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 12h12" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
        </button>
      </header>
      {confirmLeave && (
        <div class="confirm" role="alertdialog" aria-labelledby="eng-leave-q">
          <span id="eng-leave-q">End this conversation?</span>
          <button ref={confirmYes} class="btn btn-sm btn-primary" type="button" onClick={() => { setConfirmLeave(false); void client.leave(); }}>End chat</button>
          <button class="btn btn-sm" type="button" onClick={() => setConfirmLeave(false)}>Keep chatting</button>
        </div>
      )}
      {agent && (
        <div class="call-slot">
          <CallPanel call={call} peer={{ id: agent.id, name: agent.displayName, photoUrl: rep?.photoUrl }} />
        </div>
      )}
      {isWaiting && <WaitingBanner client={client} chat={chat} chosenName={chosen?.displayName ?? null} leaving={leavingNow} onLeaveInstead={() => setLeaving(true)} />}
      {leavingNow ? (
        // The queue offers this after a while (a routing step): the chat keeps its place until the message is sent, then ends.
        <div class="leave-instead" ref={leaveView}>
          <LeaveMessage client={client} onSent={() => void client.leave()} />
          <button class="btn btn-block" type="button" onClick={() => setLeaving(false)}>Keep waiting</button>
        </div>
      ) : (
        <>
          <MessageList thread={thread} selfId={client.customerId.value} links={client.attachments.links}
            onRetry={(p) => void chat.send(p.text, p.clientMessageId, p.attachments)}
            emptyText={session?.topic ? `You asked about “${session.topic}”. Add anything that helps us help you.` : "Say hello — tell us what you need."} />
          {ended ? (
            <Rating client={client} chat={chat} agentName={agent?.displayName ?? null} />
          ) : (
            <Composer placeholder={status === "active" ? "Write a message…" : "Add a message while you wait…"} files={chat.files}
              onSend={(text, attachments) => void chat.send(text, undefined, attachments)} onTyping={(t) => chat.typed(t)} />
          )}
        </>
      )}
    </div>
  );
}

function WaitingBanner({ client, chat, chosenName, leaving, onLeaveInstead }: {
  client: VisitorClient; chat: LiveChat; chosenName: string | null; leaving: boolean; onLeaveInstead: () => void;
}) {
  const position = chat.position.value;
  const notice = chat.representative.value;
  const now = useNow();
  const requestedAt = chat.thread.session.value?.timings.requestedAt;
  const waited = requestedAt ? now - Date.parse(requestedAt) : null;
  const estimate = friendlyWait(timeSpanMs(position?.estimatedWait));
  const online = client.agentsOnline.value;
  const repAway = chosenName && notice?.state === "unavailable";

  return (
    <div class="waiting" role="status" aria-live="polite" data-testid="queue-status">
      <div class="waiting-pulse" aria-hidden="true"><span /></div>
      <div>
        <strong>
          {repAway ? `${chosenName} is ${notice!.reason === "away" ? "away" : "offline"} right now`
            : chosenName ? `Waiting for ${chosenName}…`
            : position ? (position.position <= 1 ? "You're next in line" : `You're number ${position.position} in line`) : "Finding someone for you…"}
        </strong>
        <span>
          {repAway ? (notice!.fallbackAt ? `We'll connect you with someone else in ${shortDuration(Math.max(0, Date.parse(notice!.fallbackAt) - now))}.` : "We'll connect you with someone else shortly.")
            : estimate ? `Estimated wait: ${estimate}`
            : client.directory.value && online === 0 ? "Nobody is online right now; we'll reply as soon as we can." : "An agent will be with you shortly."}
          {!repAway && waited !== null && <> · waiting {shortDuration(waited)}</>}
        </span>
        {chosenName && <button class="link-btn waiting-any" type="button" onClick={() => void chat.waitForAnyAgent()}>Talk to anyone available instead</button>}
        {position?.leaveMessageOffered && !leaving && (
          <button class="link-btn waiting-any" type="button" data-testid="leave-instead" onClick={onLeaveInstead}>Leave a message instead</button>
        )}
      </div>
    </div>
  );
}
