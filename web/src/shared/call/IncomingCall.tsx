import { useId } from "preact/hooks";
import type { CallController } from "./CallController";
import type { CallPeer } from "./CallPanel";
import { Avatar } from "../ui";
import { HangUpIcon, PhoneIcon, VideoIcon } from "../icons";

/**
 * A call ringing for this side: accept (a video call also with audio only) or decline. Announced, but
 * focus stays where it is: a person typing must not answer a call by pressing Enter.
 */
export function IncomingCall({ call, peer }: { call: CallController; peer: CallPeer }) {
  const video = call.view.value?.media === "video";
  const busy = call.busy.value;
  const id = useId();
  return (
    <div class="call-incoming" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-kind`}>
      <span class="call-avatar call-waiting"><Avatar id={peer.id} name={peer.name} photoUrl={peer.photoUrl} /></span>
      <div class="call-bar-text">
        <strong id={`${id}-title`} role="alert">{peer.name} is calling</strong>
        <span id={`${id}-kind`} class="call-kind">{video ? <VideoIcon size={14} /> : <PhoneIcon size={14} />} {video ? "Video call" : "Audio call"}</span>
      </div>
      <div class="call-incoming-actions">
        <button type="button" class="call-pill call-pill-end" aria-label="Decline call" disabled={busy} onClick={() => void call.answer(false)}>
          <HangUpIcon size={16} /> Decline
        </button>
        {video && (
          <button type="button" class="call-pill" aria-label="Accept with audio only" disabled={busy} onClick={() => void call.answer(true, false)}>
            <PhoneIcon size={16} /> Audio only
          </button>
        )}
        <button type="button" class="call-pill call-pill-accept" aria-label="Accept call" disabled={busy} onClick={() => void call.answer(true)}>
          {video ? <VideoIcon size={16} /> : <PhoneIcon size={16} />} {busy ? "Joining…" : "Accept"}
        </button>
      </div>
    </div>
  );
}
