import { signal } from "@preact/signals";
import type { LocalDevices } from "./devices";

/**
 * This side's microphone and camera during a call. Muting disables the microphone's track (the
 * device stays open, so unmuting is instant); turning the camera off stops the camera (its light goes
 * out) and turning it on opens it again. `stream` is what the self view shows.
 */
export class LocalMedia {
  readonly stream = signal<MediaStream | null>(null);
  /** The other side can hear us: a microphone is open and not muted. */
  readonly micOn = signal(false);
  readonly cameraOn = signal(false);
  audio: MediaStreamTrack | null = null;
  video: MediaStreamTrack | null = null;

  use(devices: LocalDevices, unmuted = true) {
    this.release();
    this.audio = devices.audio;
    this.video = devices.video;
    if (this.audio) this.audio.enabled = unmuted;
    this.publish();
  }

  setMuted(muted: boolean) {
    if (this.audio) this.audio.enabled = !muted;
    this.publish();
  }

  setAudio(track: MediaStreamTrack | null) {
    if (this.audio !== track) this.audio?.stop();
    this.audio = track;
    this.publish();
  }

  setVideo(track: MediaStreamTrack | null) {
    if (this.video !== track) this.video?.stop();
    this.video = track;
    this.publish();
  }

  release() {
    this.audio?.stop();
    this.video?.stop();
    this.audio = this.video = null;
    this.publish();
  }

  private publish() {
    this.micOn.value = !!this.audio && this.audio.enabled;
    this.cameraOn.value = !!this.video;
    const current = this.stream.value?.getVideoTracks()[0] ?? null;
    if (current !== this.video) this.stream.value = this.video ? new MediaStream([this.video]) : null;
  }
}
