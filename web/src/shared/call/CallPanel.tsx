import type { CallController } from "./CallController";
import type { CallParticipant } from "../protocol";
import { CallControls } from "./CallControls";
import { IncomingCall } from "./IncomingCall";
import { MediaVideo } from "./MediaVideo";
import { callClock } from "./text";
import { Avatar, useNow } from "../ui";
import { CloseIcon, MicOffIcon } from "../icons";

export interface CallPeer { id: string; name: string; photoUrl?: string | null }

/**
 * A session's call where the conversation is: ringing (accept or decline), then the other side's
 * video (or their avatar on audio) with a small self view, who is muted, the running time and the
 * controls; afterwards, for a moment, how it ended. The chat stays usable below it.
 *
 * With three or more parties (a colleague in the conversation) the stage shows a tile per other party, each
 * carrying what arrives from that party: data-participant-id, data-video-frames-decoded, data-audio-samples-received,
 * data-audio-energy. A seat in an active call this side is not in (a colleague who came later, or after hanging
 * up) shows who is in it and "Join call".
 *
 * The element carries the call's figures as data attributes, refreshed every second from getStats()
 * (docs/web.md, "Calls"): data-call-phase, data-media-state, data-media-recovering, data-video-frames-decoded,
 * data-audio-samples-received, data-packets-lost, data-round-trip-ms; data-received-tracks (the remote track ids the node
 * sends this side) and data-heard-tracks (those of them whose audio arrives).
 */
export function CallPanel({ call, peer }: { call: CallController; peer: CallPeer }) {
  const phase = call.phase.value;
  const link = call.link.value;
  const stats = link?.stats.value;
  const recovery = call.recovery.value;
  const notice = call.notice.value ?? (recovery?.stuck.value ? stuckText : null);
  const ended = call.ended.value;
  if (phase === "none" && !notice && !ended) return null;
  const name = peer.name || call.other.value?.displayName || "them";
  const media = call.view.value?.media ?? "audio";

  return (
    <section class="call" data-testid="call" aria-label={`${media === "video" ? "Video" : "Audio"} call with ${name}`}
      data-call-phase={phase} data-media-state={link?.state.value ?? "none"} data-media-recovering={String(!!recovery?.reconnecting.value)}
      data-video-frames-decoded={stats?.videoFramesDecoded ?? 0} data-audio-samples-received={stats?.audioSamplesReceived ?? 0}
      data-packets-lost={stats?.packetsLost ?? 0} data-round-trip-ms={stats?.roundTripMs ?? ""}
      data-received-tracks={link?.receivedIds.value.join(" ") ?? ""} data-heard-tracks={heardTracks(link?.heard.value)}>
      {phase === "incoming" && <IncomingCall call={call} peer={{ ...peer, name }} />}
      {(phase === "active" || phase === "outgoing") && (call.elsewhere ? <Elsewhere call={call} />
        : call.others.value.length > 1 ? <Conference call={call} peer={peer} /> : <Live call={call} peer={{ ...peer, name }} />)}
      {phase === "joinable" && <Joinable call={call} />}
      {phase === "none" && ended && <p class="call-ended" role="status">{ended}</p>}
      {notice && (
        <div class="call-notice" role="alert">
          <span>{notice}</span>
          {notice === call.notice.value && (
            <button type="button" class="call-notice-close" aria-label="Dismiss" onClick={() => call.dismissNotice()}><CloseIcon size={14} /></button>
          )}
        </div>
      )}
    </section>
  );
}

/** The call in progress: a video stage when anyone's camera is on, else a compact audio bar. */
function Live({ call, peer }: { call: CallController; peer: CallPeer }) {
  const now = useNow(1000);
  const other = call.other.value;
  const link = call.link.value;
  const remoteVideo = link?.remoteVideo.value ?? null;
  const showRemote = !!other?.videoOn && !!remoteVideo;
  const stage = call.local.cameraOn.value || !!other?.videoOn;
  const status = statusOf(call, peer.name, now);
  const muted = call.phase.value === "active" && other && !other.audioOn;
  const hangUpLabel = call.phase.value === "outgoing" ? "Cancel call" : "Hang up";

  const chips = (
    <div class="call-chips">
      <span class="call-chip call-status" data-testid="call-status">{status.text}</span>
      {muted && <span class="call-chip call-muted" data-testid="call-other-muted"><MicOffIcon size={14} /> {stage ? `${peer.name} is muted` : "Muted"}</span>}
      {link?.soundBlocked.value && <button type="button" class="call-chip call-sound" onClick={() => link.playSound()}>Turn on sound</button>}
    </div>
  );
  const announce = <p class="sr-only" aria-live="polite">{status.announce}{muted ? ` ${peer.name} is muted.` : ""}</p>;

  if (!stage) {
    return (
      <div class="call-bar" data-layout="audio">
        <span class={`call-avatar${status.waiting ? " call-waiting" : ""}`}><Avatar id={peer.id} name={peer.name} photoUrl={peer.photoUrl} /></span>
        <div class="call-bar-text">
          <strong>{peer.name}</strong>
          {chips}
        </div>
        <CallControls call={call} hangUpLabel={hangUpLabel} />
        {announce}
      </div>
    );
  }
  return (
    <div class="call-stage" data-layout="video">
      {showRemote ? <MediaVideo stream={remoteVideo} className="call-remote" label={`${peer.name}'s video`} /> : (
        <div class="call-placeholder">
          <span class={`call-avatar call-avatar-lg${status.waiting ? " call-waiting" : ""}`}><Avatar id={peer.id} name={peer.name} photoUrl={peer.photoUrl} size="lg" /></span>
          <span>{call.phase.value === "outgoing" ? `Calling ${peer.name}…` : other?.videoOn ? "Connecting video…" : `${peer.name}'s camera is off`}</span>
        </div>
      )}
      {call.local.cameraOn.value && <MediaVideo stream={call.local.stream.value} className="call-self" label="Your camera" />}
      <div class="call-top"><strong class="call-chip call-name">{peer.name}</strong>{chips}</div>
      <CallControls call={call} hangUpLabel={hangUpLabel} />
      {announce}
    </div>
  );
}

/** Three or more parties: a tile per other party, with what arrives from them, and the self view. */
function Conference({ call, peer }: { call: CallController; peer: CallPeer }) {
  const now = useNow(1000);
  const joined = call.others.value.filter((p) => p.joined);
  const waitingFor = joined.length === 0 ? "the others" : joined.filter((p) => !p.connected).map((p) => p.displayName).join(", ");
  const status = statusOf(call, waitingFor || "the others", now, joined.length > 0 && joined.every((p) => p.connected));
  const hangUpLabel = call.phase.value === "outgoing" ? "Cancel call" : "Hang up";
  return (
    <div class="call-stage call-conference" data-layout="video" data-parties={joined.length + 1}>
      <ul class="call-grid" aria-label="In the call">
        {joined.map((p) => <Tile key={p.participantId} call={call} party={p} name={p.participantId === peer.id ? peer.name : p.displayName} />)}
        {call.local.cameraOn.value && (
          <li class="call-tile call-tile-self">
            <MediaVideo stream={call.local.stream.value} className="call-tile-video call-self-video" label="Your camera" />
            <span class="call-chip call-tile-name">You</span>
          </li>
        )}
      </ul>
      <div class="call-top">
        <div class="call-chips"><span class="call-chip call-status" data-testid="call-status">{status.text}</span></div>
      </div>
      <CallControls call={call} hangUpLabel={hangUpLabel} />
      <p class="sr-only" aria-live="polite">{status.announce}</p>
    </div>
  );
}

/** One other party: their video (or avatar) and name, with what arrives from them as data attributes. */
function Tile({ call, party, name }: { call: CallController; party: CallParticipant; name: string }) {
  const link = call.link.value;
  const stream = link?.remoteVideos.value.get(party.participantId) ?? null;
  const figures = link?.partyStats.value.get(party.participantId);
  return (
    <li class="call-tile" data-testid="call-tile" data-participant-id={party.participantId} data-connected={String(party.connected)}
      data-video-frames-decoded={figures?.videoFramesDecoded ?? 0} data-audio-samples-received={figures?.audioSamplesReceived ?? 0}
      data-audio-energy={figures?.audioEnergy ?? 0}>
      {party.videoOn && stream ? <MediaVideo stream={stream} className="call-tile-video" label={`${name}'s video`} /> : (
        <span class="call-avatar"><Avatar id={party.participantId} name={name} /></span>
      )}
      <span class="call-chip call-tile-name">{name}{!party.audioOn && <> <MicOffIcon size={12} /><span class="sr-only"> (muted)</span></>}</span>
    </li>
  );
}

/** An active call this side has a seat in but is not in: who is in it, and joining. */
function Joinable({ call }: { call: CallController }) {
  const inCall = call.others.value.filter((p) => p.joined).map((p) => p.displayName);
  const busy = call.busy.value;
  return (
    <div class="call-bar" data-layout="joinable">
      <div class="call-bar-text">
        <strong>Call in progress</strong>
        <span class="call-kind">{inCall.length ? `With ${inCall.join(", ")}` : "Nobody is in it yet"}</span>
      </div>
      <button type="button" class="call-pill call-pill-accept" disabled={busy} onClick={() => void call.answer(true)}>{busy ? "Joining…" : "Join call"}</button>
    </div>
  );
}

function statusOf(call: CallController, name: string, now: number, everyoneConnected?: boolean): { text: string; announce: string; waiting: boolean } {
  const view = call.view.value!;
  const other = call.other.value;
  const state = call.link.value?.state.value ?? "new";
  if (call.phase.value === "outgoing") return { text: "Calling…", announce: `Calling ${name}.`, waiting: true };
  // A lost path is being brought back (MediaRecovery): calm, no error; the chat goes on meanwhile.
  if (call.recovery.value?.reconnecting.value || state === "disconnected" || state === "failed") {
    return { text: "Reconnecting media…", announce: "Reconnecting the call's audio and video.", waiting: true };
  }
  if (state !== "connected") return { text: "Connecting…", announce: "Connecting the call.", waiting: true };
  if (everyoneConnected === false || (everyoneConnected === undefined && other && !other.connected)) {
    return { text: `Waiting for ${name}…`, announce: `Waiting for ${name}.`, waiting: true };
  }
  const since = view.answeredAt ? Date.parse(view.answeredAt) : now;
  return { text: callClock(now - since), announce: "Call connected.", waiting: false };
}

/** The remote audio tracks with samples received, space-separated (data-heard-tracks). */
export function heardTracks(heard: Record<string, number> | undefined): string {
  return Object.entries(heard ?? {}).filter(([, samples]) => samples > 0).map(([id]) => id).sort().join(" ");
}

/** Shown only after a recovery has gone on for long (MediaRecovery's `stuck`); it keeps trying. */
const stuckText = "We can't reconnect the call's audio and video yet. Still trying; the chat works meanwhile.";

function Elsewhere({ call }: { call: CallController }) {
  return (
    <div class="call-bar">
      <div class="call-bar-text"><strong>You're in this call in another tab or window.</strong></div>
      <button type="button" class="call-pill call-pill-end" onClick={() => void call.hangUp()}>Hang up</button>
    </div>
  );
}
