import type { CallController } from "./CallController";
import { HangUpIcon, MicIcon, MicOffIcon, VideoIcon, VideoOffIcon } from "../icons";

/** Mute, camera and hang up: toggle buttons with a fixed name and aria-pressed, as screen readers expect. */
export function CallControls({ call, hangUpLabel = "Hang up" }: { call: CallController; hangUpLabel?: string }) {
  const micOn = call.local.micOn.value;
  const cameraOn = call.local.cameraOn.value;
  const busy = call.busy.value;
  return (
    <div class="call-controls" role="group" aria-label="Call controls">
      <button type="button" class="call-btn" aria-pressed={!micOn} data-off={!micOn} disabled={busy} aria-label="Mute"
        title={micOn ? "Mute your microphone" : "Unmute your microphone"} onClick={() => void call.toggleMic()}>
        {micOn ? <MicIcon size={20} /> : <MicOffIcon size={20} />}
      </button>
      <button type="button" class="call-btn" aria-pressed={cameraOn} data-off={!cameraOn} disabled={busy} aria-label="Camera"
        title={cameraOn ? "Turn your camera off" : "Turn your camera on"} onClick={() => void call.toggleCamera()}>
        {cameraOn ? <VideoIcon size={20} /> : <VideoOffIcon size={20} />}
      </button>
      <button type="button" class="call-btn call-btn-end" aria-label={hangUpLabel} title={hangUpLabel} onClick={() => void call.hangUp()}>
        <HangUpIcon size={20} />
      </button>
    </div>
  );
}
