import { computed, signal } from "@preact/signals";
import type { LiveConnection } from "../live";
import type { CallMedia, CallParticipant, CallTrack, CallView } from "../protocol";
import { CallMethods as M } from "../methods";
import { ServerError, describe, isTransient, runStep } from "../errors";
import { openDevices } from "./devices";
import { LocalMedia } from "./LocalMedia";
import { PeerLink, type PathState } from "./PeerLink";
import { MediaRecovery } from "./MediaRecovery";
import { startRinging, stopRinging } from "./ringer";
import { endedText } from "./text";

/** The tab that takes part in a call keeps its id in sessionStorage (per tab, kept across reloads and pages). */
function markHere(sessionId: string, callId: string | null) {
  try {
    if (callId) sessionStorage.setItem(`engagement.call@${sessionId}`, callId);
    else sessionStorage.removeItem(`engagement.call@${sessionId}`);
  } catch {
    // storage blocked: a reload then leaves the call to be rejoined by hand
  }
}

function wasHere(sessionId: string, callId: string): boolean {
  try {
    return sessionStorage.getItem(`engagement.call@${sessionId}`) === callId;
  } catch {
    return false;
  }
}

/** `joinable`: an active call this side has a seat in but is not in (a colleague who came later, or after hanging up). */
export type CallPhase = "none" | "outgoing" | "incoming" | "active" | "joinable";

export interface CallControllerOptions {
  hub: LiveConnection;
  sessionId: string;
  /** Which participant of the call this client is: the session's visitor, or the agent `selfId()`. */
  role: "visitor" | "agent";
  selfId: () => string;
}

const ringTimeoutMs = 60_000;

/**
 * One session's call as one side holds it, shared by the widget and the workspace: the `call` view
 * from the hub (newest version wins), this side's devices, and the media link to the node. Signaling
 * goes over the session's hub (docs/protocol.md#calls-audio-and-video); `resume()` after every hub
 * reconnect applies the resume rule to media (an ICE restart, or joining again from a new page).
 * When the media path is lost — the node carrying the room left the cluster (our own participant turns
 * from connected to not connected while the call is active: protocol step 5), ICE says so, or an offer
 * failed with `unavailable` — `MediaRecovery` offers again with ICE restarts until media flows again.
 */
export class CallController {
  readonly view = signal<CallView | null>(null);
  readonly link = signal<PeerLink | null>(null);
  readonly local = new LocalMedia();
  /** A problem to tell the person (a refused camera, a failed step); they may dismiss it. */
  readonly notice = signal<string | null>(null);
  /** How the last call ended, shown for a few seconds. */
  readonly ended = signal<string | null>(null);
  readonly busy = signal(false);
  /** Brings the media back by itself after a lost path; null while there is no media link. */
  readonly recovery = signal<MediaRecovery | null>(null);

  readonly self = computed(() => this.view.value?.participants.find((p) => this.isSelf(p)) ?? null);
  readonly other = computed(() => this.view.value?.participants.find((p) => !this.isSelf(p)) ?? null);
  /** Every other party of the call (two or more in a conference), joined or not. */
  readonly others = computed(() => this.view.value?.participants.filter((p) => !this.isSelf(p)) ?? []);
  readonly phase = computed<CallPhase>(() => {
    const view = this.view.value;
    if (!view || view.status === "ended") return "none";
    if (view.status === "ringing") return this.startedByMe(view) ? "outgoing" : view.callId === this.declinedCallId.value ? "none" : "incoming";
    if (this.self.value?.joined) return "active";
    return this.self.value ? "joinable" : "none";
  });

  /** A ringing call a colleague declined: it goes on ringing for the others, and no longer here. */
  private readonly declinedCallId = signal<string | null>(null);
  private leftCallId: string | null = null;
  private noAnswerCallId: string | null = null;
  private ringTimer: ReturnType<typeof setTimeout> | undefined;
  private endedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: CallControllerOptions) {}

  get sessionId(): string {
    return this.options.sessionId;
  }

  // ---- hub events ----

  onCall(view: CallView) {
    this.apply(view);
  }

  /** The other side published or stopped a track: receive it, or free its receiver. */
  onTrack(track: CallTrack) {
    const link = this.link.value;
    if (!link || track.callId !== this.view.value?.callId || track.participantId === this.self.value?.participantId) return;
    if (track.published) link.want(track.kind, track.trackId);
    else link.drop(track.trackId);
  }

  // ---- what a person does ----

  async start(media: CallMedia) {
    if (this.phase.value !== "none" || this.busy.value) return;
    await this.task(async () => {
      const devices = await openDevices(true, media === "video");
      if (!devices.audio && !devices.video) throw new ServerError("devices", devices.problem ?? "No camera or microphone.");
      this.notice.value = devices.problem;
      this.local.use(devices);
      try {
        this.apply(await this.invoke<CallView>(M.startCall, media));
      } catch (error) {
        this.local.release();
        throw error;
      }
      await this.join();
    });
  }

  /**
   * Accepting (or joining an active call) opens the devices first; without any, this side still joins to see and
   * hear the others.
   */
  async answer(accept: boolean, video = this.view.value?.media === "video") {
    if ((this.phase.value !== "incoming" && this.phase.value !== "joinable") || this.busy.value) return;
    await this.task(async () => {
      if (!accept) {
        this.declinedCallId.value = this.view.value?.callId ?? null;
        return this.apply(await this.invoke<CallView>(M.answerCall, false));
      }
      const devices = await openDevices(true, video);
      this.notice.value = devices.problem;
      this.local.use(devices);
      try {
        this.apply(await this.invoke<CallView>(M.answerCall, true));
      } catch (error) {
        this.local.release();
        throw error;
      }
      await this.join();
    });
  }

  async toggleMic() {
    await this.task(async () => {
      if (this.local.audio) {
        this.local.setMuted(this.local.micOn.value);
      } else {
        const devices = await openDevices(true, false);
        if (!devices.audio) throw new ServerError("devices", devices.problem ?? "No microphone.");
        this.local.setAudio(devices.audio);
        await this.link.value?.setAudio(devices.audio);
      }
      await this.syncMedia();
    });
  }

  async toggleCamera() {
    await this.task(async () => {
      if (this.local.cameraOn.value) {
        await this.link.value?.setVideo(null);
        this.local.setVideo(null);
      } else {
        const devices = await openDevices(false, true);
        if (!devices.video) throw new ServerError("devices", devices.problem ?? "No camera.");
        this.local.setVideo(devices.video);
        await this.link.value?.setVideo(devices.video);
      }
      await this.syncMedia();
    });
  }

  /** Leaves at once; the hub call goes out when the connection allows (resume() repeats it if needed). */
  async hangUp() {
    const view = this.view.value;
    if (!view || view.status === "ended") return;
    this.leftCallId = view.callId;
    this.teardown();
    await this.task(async () => this.apply(await this.invoke<CallView>(M.hangUp)));
  }

  /** After every hub (re)connect and session join: the call as it is now, and media following it. */
  async resume() {
    let view: CallView | null;
    try {
      view = await this.invoke<CallView | null>(M.getCall);
    } catch {
      return;
    }
    this.apply(view);
    const me = this.self.value;
    if (!view || view.status === "ended" || !me?.joined) return;
    if (view.callId === this.leftCallId) {
      await this.task(async () => this.apply(await this.invoke<CallView>(M.hangUp)));
      return;
    }
    const link = this.link.value;
    if (link) return this.recovery.value?.now();
    // A reload or a new page of the tab that was in the call: take part again, devices as they were.
    // Another tab of the same visitor or agent leaves the call where it is.
    if (!wasHere(this.sessionId, view.callId)) return;
    await this.task(async () => {
      const devices = await openDevices(true, me.videoOn);
      this.notice.value = devices.problem;
      this.local.use(devices, me.audioOn);
      await this.join();
    });
  }

  /** Taking part in this call from another tab or window: joined, but no media here. */
  get elsewhere(): boolean {
    const phase = this.phase.value;
    return (phase === "active" || phase === "outgoing") && !this.link.value && !this.busy.value;
  }

  dismissNotice() {
    this.notice.value = null;
  }

  dispose() {
    this.teardown();
    stopRinging(this.sessionId);
    clearTimeout(this.ringTimer);
    clearTimeout(this.endedTimer);
  }

  // ---- inside ----

  private apply(view: CallView | null | undefined) {
    if (!view || view.sessionId !== this.options.sessionId) return;
    const previous = this.view.value;
    if (previous && previous.version > view.version) return;
    const wasLive = !!previous && previous.callId === view.callId && previous.status !== "ended";
    const wasConnected = wasLive && !!previous.participants.find((p) => this.isSelf(p))?.connected;
    const wasJoined = wasLive && !!previous.participants.find((p) => this.isSelf(p))?.joined;
    this.view.value = view;
    if (view.status !== "ended" && !wasLive) this.ended.value = null;
    this.watchRinging(view);
    if (view.status === "ended" || (view.status === "active" && !this.self.value?.joined)) {
      this.teardown();
      markHere(this.sessionId, null);
      if (view.status === "ended" && wasLive) this.flash(endedText(view, this.startedByMe(view), this.other.value?.displayName ?? "They", view.callId === this.noAnswerCallId));
      else if (wasJoined) this.flash("You left the call.");
      return;
    }
    // Receivers for every other party: one that came after us publishes with a callTrack, but not what was there before.
    this.link.value?.expect(this.others.value.length);
    // Step 5: the server no longer sees our media although we did not leave: the room went with its node.
    const me = this.self.value;
    if (view.status === "active" && wasConnected && me?.joined && !me.connected && view.callId !== this.leftCallId) this.recovery.value?.now();
  }

  private async join() {
    this.stopLink();
    const link: PeerLink = new PeerLink((sdp) => this.invoke<string>(M.callOffer, sdp), (error, failures) => this.linkFailed(link, error, failures),
      this.local.audio, this.local.video, (path) => this.pathChanged(link, path), Math.max(1, this.others.value.length));
    this.link.value = link;
    this.recovery.value = new MediaRecovery({
      restartIce: () => link.restartIce(),
      // Only a failure of the connection, the node or the browser is worth another offer; a refusal
      // (`invalid`, `too_large`, `forbidden`…) or a call that is gone would fail again.
      lastFailure: () => (link.lastOfferError === null ? null : isTransient(link.lastOfferError) ? "retry" : "stop"),
      healthy: () => link.healthy(),
    });
    markHere(this.sessionId, this.view.value?.callId ?? null);
    void link.negotiate();
    await this.syncMedia();
  }

  /**
   * An offer failed. The call is gone (conflict, not found): read it again. Refused: say so. Anything
   * else (`unavailable` while a node fails, a lost connection): the recovery offers again, backing off.
   */
  private linkFailed(link: PeerLink, error: unknown, _failures: number) {
    if (link !== this.link.value) return;
    const code = error instanceof ServerError ? error.code : "error";
    if (code === "conflict" || code === "not_found" || code === "forbidden") return void this.refresh();
    if (code === "invalid") return void (this.notice.value = describe(error));
    this.recovery.value?.offerFailed();
  }

  /** ICE or DTLS says the path changed: lost for good starts a recovery at once, lost for now after a moment. */
  private pathChanged(link: PeerLink, path: PathState) {
    const recovery = this.recovery.value;
    if (link !== this.link.value || !recovery || this.phase.value === "none" || this.phase.value === "incoming") return;
    if (path === "failed") recovery.now();
    else if (path === "disconnected") recovery.soon();
    else recovery.poke();
  }

  private async refresh() {
    try {
      this.apply(await this.invoke<CallView | null>(M.getCall));
    } catch {
      // the next event or resume brings it
    }
  }

  /** Tells the other side what it sees: mute and camera as they are here. */
  private async syncMedia() {
    const me = this.self.value;
    const mic = this.local.micOn.value;
    const camera = this.local.cameraOn.value;
    if (!me || (me.audioOn === mic && me.videoOn === camera)) return;
    this.apply(await this.invoke<CallView>(M.updateCallMedia, mic, camera));
  }

  /** Rings while a call comes in; gives up on an outgoing call nobody answers. */
  private watchRinging(view: CallView) {
    const phase = this.phase.value;
    if (phase === "incoming") startRinging(this.sessionId);
    else stopRinging(this.sessionId);
    clearTimeout(this.ringTimer);
    if (phase === "outgoing") {
      this.ringTimer = setTimeout(() => {
        if (this.phase.value !== "outgoing" || this.view.value?.callId !== view.callId) return;
        this.noAnswerCallId = view.callId;
        void this.hangUp();
      }, Math.max(0, Date.parse(view.startedAt) + ringTimeoutMs - Date.now()));
    }
  }

  private teardown() {
    this.stopLink();
    this.local.release();
  }

  private stopLink() {
    this.recovery.value?.dispose();
    this.recovery.value = null;
    this.link.value?.close();
    this.link.value = null;
  }

  private flash(text: string) {
    this.ended.value = text;
    clearTimeout(this.endedTimer);
    this.endedTimer = setTimeout(() => (this.ended.value = null), 8000);
  }

  private task(step: () => Promise<void>) {
    return runStep(this.busy, this.notice, step);
  }

  private invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.options.hub.invoke<T>(method, this.options.sessionId, ...args);
  }

  private isSelf(p: CallParticipant): boolean {
    return this.options.role === "agent" ? p.participantId === this.options.selfId() : p.role === "visitor";
  }

  /** A visitor's id can change on identify, so the visitor's side reads "not started by the agent". */
  private startedByMe(view: CallView): boolean {
    return this.options.role === "agent" ? view.startedBy === this.options.selfId()
      : !view.participants.some((p) => p.role === "agent" && p.participantId === view.startedBy);
  }
}
