// What the node's SDP answer says it sends us: each m-section carrying a track has `a=mid` and
// `a=msid:<publisher> <trackId>` (docs/media-plane.md, negotiation model). Written here because only
// these two attributes are needed; a general SDP library would be far larger than the widget.

/** A remote track the node sends us: whose it is (the participant that published it) and its id. */
export interface ReceivedTrack { participantId: string; trackId: string }

/** mid → the remote track, for each m-section of the answer that carries one to us (`a=msid:<participant> <track>`). */
export function receivedTracks(answerSdp: string): Map<string, ReceivedTrack> {
  const received = new Map<string, ReceivedTrack>();
  for (const section of answerSdp.split(/\r?\nm=/).slice(1)) {
    const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
    const msid = /^a=msid:(\S+) (\S+)/m.exec(section);
    if (mid && msid) received.set(mid, { participantId: msid[1], trackId: msid[2] });
  }
  return received;
}

/**
 * The node's media address, "address:port", from the answer's one host candidate (the node is ICE-lite
 * with a single candidate, docs/media-plane.md); null when the answer has none. A different value after
 * a re-offer means the call moved to another node.
 */
export function nodeEndpoint(answerSdp: string): string | null {
  const candidate = /^a=candidate:\S+ \d+ \S+ \d+ (\S+) (\d+) typ /m.exec(answerSdp);
  return candidate ? `${candidate[1]}:${candidate[2]}` : null;
}
