import { signal } from "@preact/signals";
import { receivedTracks } from "./answer";
import { noStats, sampleStats, type CallStats } from "./stats";

/**
 * This client's media in a call: one RTCPeerConnection to the node's SFU, which always answers
 * (docs/media-plane.md). Own tracks go on sendonly transceivers (kept, inactive, while a device is
 * off), the other side's arrive on recvonly ones. Offers are serialized: a renegotiation asked for
 * while one is in flight runs once more afterwards, with an ICE restart if any caller wanted one.
 */
export class PeerLink {
  readonly state = signal<RTCPeerConnectionState>("new");
  /** The other side's video while the node sends us one, else null. */
  readonly remoteVideo = signal<MediaStream | null>(null);
  /** The browser refused to play sound before a click (autoplay policy). */
  readonly soundBlocked = signal(false);
  readonly stats = signal<CallStats>(noStats);

  private readonly pc = new RTCPeerConnection({ bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" });
  private readonly audioOut: RTCRtpTransceiver;
  private readonly videoOut: RTCRtpTransceiver;
  private readonly speaker = new Audio();
  private received = new Map<string, string>();
  private negotiating: Promise<void> | null = null;
  private again = false;
  private restartWanted = false;
  private closed = false;
  private failures = 0;
  private readonly sampler: ReturnType<typeof setInterval>;

  /**
   * @param offer sends an SDP offer over the hub (CallOffer) and returns the node's answer.
   * @param onFailure a negotiation failed (`failures` in a row); the owner decides whether to try again.
   */
  constructor(private readonly offer: (sdp: string) => Promise<string>, private readonly onFailure: (error: unknown, failures: number) => void,
    audio: MediaStreamTrack | null, video: MediaStreamTrack | null) {
    this.audioOut = this.pc.addTransceiver(audio ?? "audio", { direction: audio ? "sendonly" : "inactive" });
    this.videoOut = this.pc.addTransceiver(video ?? "video", { direction: video ? "sendonly" : "inactive" });
    this.pc.addTransceiver("audio", { direction: "recvonly" });
    this.pc.addTransceiver("video", { direction: "recvonly" });
    this.pc.onconnectionstatechange = () => {
      this.state.value = this.pc.connectionState;
      if (this.pc.connectionState === "failed") this.restartIce();
    };
    this.speaker.autoplay = true;
    this.sampler = setInterval(() => void this.sample(), 1000);
  }

  /** First offer, renegotiation or ICE restart; resolves when this round (and any it queued) is done. */
  negotiate(iceRestart = false): Promise<void> {
    this.restartWanted ||= iceRestart;
    if (this.negotiating) {
      this.again = true;
      return this.negotiating;
    }
    this.negotiating = this.run().finally(() => (this.negotiating = null));
    return this.negotiating;
  }

  /** The resume rule for media: after a hub reconnect or an ICE failure, offer with new ICE credentials. */
  restartIce(): Promise<void> {
    return this.negotiate(true);
  }

  /** A track the other side published: receive it (adding a receiver if none is free) unless we already do. */
  want(kind: "audio" | "video", trackId: string) {
    if (this.closed || [...this.received.values()].includes(trackId)) return;
    const free = this.pc.getTransceivers().some((t) => t.direction === "recvonly" && t.receiver.track.kind === kind && !(t.mid && this.received.has(t.mid)));
    if (!free) this.pc.addTransceiver(kind, { direction: "recvonly" });
    void this.negotiate();
  }

  /** A track the other side stopped: offer again to free its receiver. */
  drop(trackId: string) {
    if (!this.closed && [...this.received.values()].includes(trackId)) void this.negotiate();
  }

  setAudio(track: MediaStreamTrack | null) {
    return this.send(this.audioOut, track);
  }

  setVideo(track: MediaStreamTrack | null) {
    return this.send(this.videoOut, track);
  }

  /** After a click: play the other side's sound that autoplay held back. */
  playSound() {
    this.speaker.play().then(() => (this.soundBlocked.value = false), () => {});
  }

  close() {
    this.closed = true;
    clearInterval(this.sampler);
    this.pc.close();
    this.speaker.srcObject = null;
    this.state.value = "closed";
  }

  private async send(transceiver: RTCRtpTransceiver, track: MediaStreamTrack | null) {
    await transceiver.sender.replaceTrack(track);
    const direction: RTCRtpTransceiverDirection = track ? "sendonly" : "inactive";
    if (transceiver.direction !== direction) {
      transceiver.direction = direction;
      await this.negotiate();
    }
  }

  private async run() {
    do {
      this.again = false;
      const iceRestart = this.restartWanted;
      this.restartWanted = false;
      try {
        await this.round(iceRestart);
        this.failures = 0;
      } catch (error) {
        if (this.closed) return;
        this.onFailure(error, ++this.failures);
        return;
      }
    } while ((this.again || this.restartWanted) && !this.closed);
  }

  private async round(iceRestart: boolean) {
    const description = await this.pc.createOffer({ iceRestart });
    await this.pc.setLocalDescription(description);
    let answer: string;
    try {
      answer = await this.offer(this.pc.localDescription!.sdp);
    } catch (error) {
      if (!this.closed && this.pc.signalingState === "have-local-offer") await this.pc.setLocalDescription({ type: "rollback" }).catch(() => {});
      throw error;
    }
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: "answer", sdp: answer });
    this.received = receivedTracks(answer);
    this.route();
  }

  /** Points the speaker at the audio we receive and publishes the video we receive. */
  private route() {
    const incoming = this.pc.getTransceivers().filter((t) => t.direction === "recvonly" && t.mid && this.received.has(t.mid));
    const audio = incoming.filter((t) => t.receiver.track.kind === "audio").map((t) => t.receiver.track);
    const video = incoming.find((t) => t.receiver.track.kind === "video")?.receiver.track ?? null;
    const current = this.speaker.srcObject as MediaStream | null;
    if (audio.length && (!current || current.getTracks().length !== audio.length || audio.some((t) => !current.getTracks().includes(t)))) {
      this.speaker.srcObject = new MediaStream(audio);
      this.speaker.play().then(() => (this.soundBlocked.value = false), () => (this.soundBlocked.value = true));
    }
    if (video?.id !== this.remoteVideo.value?.getVideoTracks()[0]?.id) this.remoteVideo.value = video ? new MediaStream([video]) : null;
  }

  private async sample() {
    if (this.closed || this.pc.connectionState === "new") return;
    try {
      this.stats.value = await sampleStats(this.pc);
    } catch {
      // closed between the check and the call
    }
  }
}
