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
}

export const noStats: CallStats = { videoFramesDecoded: 0, audioSamplesReceived: 0, packetsLost: 0, packetsSent: 0, roundTripMs: null };

export async function sampleStats(pc: RTCPeerConnection): Promise<CallStats> {
  const report = await pc.getStats();
  const stats = { ...noStats };
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
