import { signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import type { CallTrack } from "../shared/protocol";
import { AgentMethods as A, CallMethods as M } from "../shared/methods";
import { describe, runStep } from "../shared/errors";
import { openDevices, stopTrack } from "../shared/call/devices";
import { PeerLink } from "../shared/call/PeerLink";

/**
 * A supervisor in a session's call (docs/protocol.md, "Supervisors in a call"): listens to both sides through the
 * node's SFU, with the microphone sent but silent until push-to-whisper. Who hears that microphone is the node's
 * rule — the agent alone until a barge — not this client's: muting here only keeps it quiet.
 */
export class Listener {
  readonly link = signal<PeerLink | null>(null);
  readonly talking = signal(false);
  readonly notice = signal<string | null>(null);
  readonly busy = signal(false);
  private mic: MediaStreamTrack | null = null;

  constructor(private readonly hub: LiveConnection, private readonly sessionId: string, private readonly selfId: () => string) {}

  get listening(): boolean {
    return this.link.value !== null;
  }

  async listen() {
    if (this.link.value || this.busy.value) return;
    await this.task(async () => {
      const devices = await openDevices(true, false);
      this.mic = devices.audio;
      if (this.mic) this.mic.enabled = false;
      this.notice.value = devices.problem;
      const link: PeerLink = new PeerLink((sdp) => this.hub.invoke<string>(M.callOffer, this.sessionId, sdp),
        (error) => { if (link === this.link.value) this.notice.value = describe(error); }, this.mic, null);
      // Both sides of the call at once: the visitor's and the agent's audio and video.
      link.receiveMore("audio");
      link.receiveMore("video");
      this.link.value = link;
      await link.negotiate();
    });
  }

  /** A track published or stopped in the call: receive it, or free its receiver. */
  onTrack(track: CallTrack) {
    const link = this.link.value;
    if (!link || track.participantId === this.selfId()) return;
    if (track.published) link.want(track.kind, track.trackId);
    else link.drop(track.trackId);
  }

  /** Push-to-whisper: the microphone on (the agent hears it, or everyone after a barge) or off. */
  async talk(on: boolean) {
    if (!this.mic || this.talking.value === on) return;
    this.mic.enabled = on;
    this.talking.value = on;
    await this.task(async () => void (await this.hub.invoke(A.whisperAudio, this.sessionId, on)));
  }

  async leave() {
    this.close();
    await this.hub.invoke(M.hangUp, this.sessionId).catch(() => {});
  }

  /** The call ended or the supervision stopped: media goes, nothing to tell the node. */
  close() {
    this.link.value?.close();
    this.link.value = null;
    stopTrack(this.mic);
    this.mic = null;
    this.talking.value = false;
  }

  private task(step: () => Promise<void>) {
    return runStep(this.busy, this.notice, step);
  }
}
