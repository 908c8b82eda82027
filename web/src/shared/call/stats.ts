// A call's figures from RTCPeerConnection.getStats() (W3C webrtc-stats): what the other side's media
// does on arrival. Sampled once a second while connected; shown on the call panel as data-* attributes
// (docs/web.md) so tests and support tools can read them.

export interface CallStats {
  /** Video frames decoded from the other side, all inbound video streams together. */
  videoFramesDecoded: number;
  /** Audio samples received from the other side. */
  audioSamplesReceived: number;
  /** Inbound RTP packets reported lost (audio and video). */
  packetsLost: number;
  /** Outbound RTP packets sent (audio and video). */
  packetsSent: number;
  /** Round-trip time of the selected candidate pair, in milliseconds. */
  roundTripMs: number | null;
  /** "address:port" of the node the selected candidate pair talks to (which node carries the media). */
  selectedRemote: string | null;
}

export const noStats: CallStats = { videoFramesDecoded: 0, audioSamplesReceived: 0, packetsLost: 0, packetsSent: 0, roundTripMs: null, selectedRemote: null };

export async function sampleStats(pc: RTCPeerConnection): Promise<CallStats> {
  const report = await pc.getStats();
  const stats = { ...noStats };
  stats.selectedRemote = selectedRemote(report);
  report.forEach((s: any) => {
    if (s.type === "inbound-rtp") {
      stats.packetsLost += s.packetsLost ?? 0;
      if (s.kind === "video") stats.videoFramesDecoded += s.framesDecoded ?? 0;
      if (s.kind === "audio") stats.audioSamplesReceived += s.totalSamplesReceived ?? 0;
    } else if (s.type === "outbound-rtp") {
      stats.packetsSent += s.packetsSent ?? 0;
    } else if (s.type === "candidate-pair" && s.nominated && s.state === "succeeded" && s.currentRoundTripTime !== undefined) {
      stats.roundTripMs = Math.round(s.currentRoundTripTime * 1000);
    }
  });
  return stats;
}

/** What arrives from one other party of the call: their video frames decoded, their audio samples and its energy. */
export interface PartyStats { videoFramesDecoded: number; audioSamplesReceived: number; audioEnergy: number }

/** Each party's figures, from the stats of the receivers that carry their tracks (participant id → figures). */
export async function samplePartyStats(receivers: { participantId: string; receiver: RTCRtpReceiver }[]): Promise<Map<string, PartyStats>> {
  const parties = new Map<string, PartyStats>();
  for (const { participantId, receiver } of receivers) {
    const party = parties.get(participantId) ?? { videoFramesDecoded: 0, audioSamplesReceived: 0, audioEnergy: 0 };
    (await receiver.getStats()).forEach((s: any) => {
      if (s.type !== "inbound-rtp") return;
      if (s.kind === "video") party.videoFramesDecoded += s.framesDecoded ?? 0;
      if (s.kind === "audio") {
        party.audioSamplesReceived += s.totalSamplesReceived ?? 0;
        party.audioEnergy += s.totalAudioEnergy ?? 0;
      }
    });
    parties.set(participantId, party);
  }
  return parties;
}

/**
 * Audio samples received per remote track (the node's track ids, from the answer's a=msid by mid): which of the
 * others this side actually hears, e.g. a supervisor's whisper reaching the agent only.
 */
export async function audioByTrack(pc: RTCPeerConnection, received: ReadonlyMap<string, { trackId: string }>): Promise<Record<string, number>> {
  const heard: Record<string, number> = {};
  for (const t of pc.getTransceivers()) {
    const trackId = t.mid ? received.get(t.mid)?.trackId : undefined;
    if (!trackId || t.receiver.track.kind !== "audio") continue;
    let samples = 0;
    (await t.receiver.getStats()).forEach((s: any) => {
      if (s.type === "inbound-rtp") samples += s.totalSamplesReceived ?? 0;
    });
    heard[trackId] = samples;
  }
  return heard;
}

/**
 * The remote end of the candidate pair the transport uses now, "address:port". After an ICE restart
 * towards another node the old pair may still be reported until the new one is chosen, so comparing
 * this with the latest answer's candidate tells whether the media really reached the new node.
 */
export function selectedRemote(report: RTCStatsReport): string | null {
  let pairId: string | undefined;
  report.forEach((s: any) => {
    if (s.type === "transport" && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  const pair: any = pairId ? report.get(pairId) : undefined;
  const remote: any = pair?.remoteCandidateId ? report.get(pair.remoteCandidateId) : undefined;
  const address = remote?.address ?? remote?.ip;
  return address && remote?.port ? `${address}:${remote.port}` : null;
}
