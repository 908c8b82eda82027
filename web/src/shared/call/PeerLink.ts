import { signal } from "@preact/signals";
import { nodeEndpoint, receivedTracks, type ReceivedTrack } from "./answer";
import { audioByTrack, noStats, samplePartyStats, sampleStats, selectedRemote, type CallStats, type PartyStats } from "./stats";

/** How the path to the node looks: connected, lost for now (may heal), or gone. */
export type PathState = "connecting" | "connected" | "disconnected" | "failed" | "closed";

/**
 * This client's media in a call: one RTCPeerConnection to the node's SFU, which always answers
 * (docs/media-plane.md). Own tracks go on sendonly transceivers (kept, inactive, while a device is
 * off), the other parties' arrive on recvonly ones: at least one audio and one video receiver per other party,
 * and the node's answer names whose track each carries (a call may have three or more parties). Offers are serialized: a renegotiation asked for
 * while one is in flight runs once more afterwards, with an ICE restart if any caller wanted one.
 * It reports the path's state; deciding when to restart ICE is the owner's (MediaRecovery).
 */
export class PeerLink {
  readonly state = signal<RTCPeerConnectionState>("new");
  /** The other side's video while the node sends us one, else null (the first, with three or more parties). */
  readonly remoteVideo = signal<MediaStream | null>(null);
  /** Each other party's video the node sends us: participant id → stream. */
  readonly remoteVideos = signal<ReadonlyMap<string, MediaStream>>(new Map());
  /** What arrives from each other party (participant id → figures), sampled with `stats`. */
  readonly partyStats = signal<ReadonlyMap<string, PartyStats>>(new Map());
  /** The browser refused to play sound before a click (autoplay policy). */
  readonly soundBlocked = signal(false);
  readonly stats = signal<CallStats>(noStats);
  /** Audio samples received per remote track id (sampled with `stats`): whom this side hears. */
  readonly heard = signal<Record<string, number>>({});
  /** The remote track ids the latest answer sends us (audio and video). */
  readonly receivedIds = signal<string[]>([]);

  private readonly pc = new RTCPeerConnection({ bundlePolicy: "max-bundle", rtcpMuxPolicy: "require" });
  private readonly audioOut: RTCRtpTransceiver;
  private readonly videoOut: RTCRtpTransceiver;
  private readonly speaker = new Audio();
  private received = new Map<string, ReceivedTrack>();
  /** The other side's tracks as `callTrack` announced them (id → kind): what this side should receive. */
  private readonly wanted = new Map<string, "audio" | "video">();
  private negotiating: Promise<void> | null = null;
  private again = false;
  private restartWanted = false;
  private closed = false;
  private failures = 0;
  private lastError: unknown = null;
  /** The node of the latest answer, "address:port". */
  private node: string | null = null;
  private readonly sampler: ReturnType<typeof setInterval>;

  /**
   * @param offer sends an SDP offer over the hub (CallOffer) and returns the node's answer.
   * @param onFailure a negotiation failed (`failures` in a row); the owner decides whether to try again.
   * @param onPath the path to the node changed (ICE or DTLS), e.g. lost when the node went away.
   * @param parties the other parties of the call: one audio and one video receiver each to start with.
   */
  constructor(private readonly offer: (sdp: string) => Promise<string>, private readonly onFailure: (error: unknown, failures: number) => void,
    audio: MediaStreamTrack | null, video: MediaStreamTrack | null, private readonly onPath: (state: PathState) => void = () => {}, parties = 1) {
    this.audioOut = this.pc.addTransceiver(audio ?? "audio", { direction: audio ? "sendonly" : "inactive" });
    this.videoOut = this.pc.addTransceiver(video ?? "video", { direction: video ? "sendonly" : "inactive" });
    for (let i = 0; i < parties; i++) {
      this.pc.addTransceiver("audio", { direction: "recvonly" });
      this.pc.addTransceiver("video", { direction: "recvonly" });
    }
    this.pc.onconnectionstatechange = () => {
      this.state.value = this.pc.connectionState;
      this.reportPath();
    };
    // ICE notices a lost node before DTLS does (no more answers to its checks): both are watched.
    this.pc.oniceconnectionstatechange = () => this.reportPath();
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

  /** The error of the last offer round, or null when it was answered. */
  get lastOfferError(): unknown {
    return this.lastError;
  }

  /** The node of the latest answer, "address:port" (null before the first answer). */
  get nodeAddress(): string | null {
    return this.node;
  }

  /**
   * Media flows to the node of the latest answer: connected, over a candidate pair that ends at that
   * node. After an ICE restart towards another node the old pair can still be reported for a moment.
   */
  async healthy(): Promise<boolean> {
    if (this.closed || this.pc.connectionState !== "connected") return false;
    if (!this.node) return true;
    try {
      return selectedRemote(await this.pc.getStats()) === this.node;
    } catch {
      return false;
    }
  }

  /**
   * A track the other side published: receive it (adding a receiver if none is free) unless we already do.
   * While an offer is in flight the answer we hold may be stale — after a failover the track comes back
   * under the same id from the new room while our offer there may have gone out before it was published —
   * so then it always offers once more, and each answer is checked against what is wanted.
   */
  want(kind: "audio" | "video", trackId: string) {
    if (this.closed) return;
    this.wanted.set(trackId, kind);
    if (!this.negotiating && this.receiving(trackId)) return;
    if (!this.negotiating && !this.hasFreeReceiver(kind)) this.pc.addTransceiver(kind, { direction: "recvonly" });
    void this.negotiate();
  }

  /**
   * Receivers for `parties` other parties (one audio and one video each): the ones missing are added and offered,
   * so that tracks published before this side joined (no `callTrack` told us of them) reach us too.
   */
  expect(parties: number) {
    if (this.closed) return;
    let added = false;
    for (const kind of ["audio", "video"] as const) {
      const have = this.pc.getTransceivers().filter((t) => t.direction === "recvonly" && t.receiver.track.kind === kind).length;
      for (let i = have; i < parties; i++) {
        this.pc.addTransceiver(kind, { direction: "recvonly" });
        added = true;
      }
    }
    if (added) void this.negotiate();
  }

  /** One more receiver of `kind` before the first offer: a listener receives both sides of a call at once. */
  receiveMore(kind: "audio" | "video") {
    this.pc.addTransceiver(kind, { direction: "recvonly" });
  }

  /** A track the other side stopped: offer again to free its receiver. */
  drop(trackId: string) {
    this.wanted.delete(trackId);
    if (!this.closed && (this.negotiating || this.receiving(trackId))) void this.negotiate();
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
    this.remoteVideos.value = new Map();
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
        this.lastError = null;
        if (this.receiversMissing()) this.again = true;
      } catch (error) {
        if (this.closed) return;
        this.lastError = error;
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
    this.node = nodeEndpoint(answer) ?? this.node;
    this.received = receivedTracks(answer);
    this.receivedIds.value = [...this.received.values()].map((r) => r.trackId);
    this.route();
  }

  /** Points the speaker at the audio we receive and publishes the video we receive. */
  private route() {
    const incoming = this.incoming();
    const audio = incoming.filter((t) => t.receiver.track.kind === "audio").map((t) => t.receiver.track);
    const video = incoming.find((t) => t.receiver.track.kind === "video")?.receiver.track ?? null;
    const videos = new Map<string, MediaStream>();
    for (const t of incoming.filter((x) => x.receiver.track.kind === "video")) {
      const owner = this.received.get(t.mid!)!.participantId;
      const known = this.remoteVideos.value.get(owner);
      videos.set(owner, known?.getVideoTracks()[0] === t.receiver.track ? known : new MediaStream([t.receiver.track]));
    }
    const before = this.remoteVideos.value;
    if (videos.size !== before.size || [...videos].some(([id, stream]) => before.get(id) !== stream)) this.remoteVideos.value = videos;
    const current = this.speaker.srcObject as MediaStream | null;
    if (audio.length && (!current || current.getTracks().length !== audio.length || audio.some((t) => !current.getTracks().includes(t)))) {
      this.speaker.srcObject = new MediaStream(audio);
      this.speaker.play().then(() => (this.soundBlocked.value = false), () => (this.soundBlocked.value = true));
    }
    if (video?.id !== this.remoteVideo.value?.getVideoTracks()[0]?.id) this.remoteVideo.value = video ? new MediaStream([video]) : null;
  }

  /** Receivers the latest answer fills with another party's track. */
  private incoming(): RTCRtpTransceiver[] {
    return this.pc.getTransceivers().filter((t) => t.direction === "recvonly" && t.mid && this.received.has(t.mid));
  }

  private receiving(trackId: string): boolean {
    return [...this.received.values()].some((r) => r.trackId === trackId);
  }

  private hasFreeReceiver(kind: "audio" | "video"): boolean {
    return this.pc.getTransceivers().some((t) => t.direction === "recvonly" && t.receiver.track.kind === kind && !(t.mid && this.received.has(t.mid)));
  }

  /**
   * After an answer: a wanted track that is not received and has no free receiver of its kind gets one (true:
   * offer again). A free receiver left empty means the room does not have the track (yet): nothing to add.
   */
  private receiversMissing(): boolean {
    let added = false;
    for (const [trackId, kind] of this.wanted) {
      if (this.receiving(trackId) || this.hasFreeReceiver(kind)) continue;
      this.pc.addTransceiver(kind, { direction: "recvonly" });
      added = true;
    }
    return added;
  }

  private reportPath() {
    if (this.closed) return;
    const ice = this.pc.iceConnectionState;
    const connection = this.pc.connectionState;
    const path: PathState = connection === "failed" || ice === "failed" ? "failed"
      : connection === "disconnected" || ice === "disconnected" ? "disconnected"
      : connection === "connected" ? "connected"
      : connection === "closed" ? "closed" : "connecting";
    this.onPath(path);
  }

  private async sample() {
    if (this.closed || this.pc.connectionState === "new") return;
    try {
      this.stats.value = await sampleStats(this.pc);
      const parties = this.incoming().map((t) => ({ participantId: this.received.get(t.mid!)!.participantId, receiver: t.receiver }));
      this.partyStats.value = await samplePartyStats(parties);
      this.heard.value = await audioByTrack(this.pc, this.received);
    } catch {
      // closed between the check and the call
    }
  }
}
