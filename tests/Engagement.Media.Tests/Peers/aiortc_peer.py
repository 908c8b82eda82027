"""An aiortc participant for the media tests: publishes audio and video, offers, and takes the answer.

Protocol on stdin/stdout, one JSON object per line:
  out {"type": "offer", "sdp": ...}      after ICE gathering
  in  {"type": "answer", "sdp": ...}
  out {"type": "connected"}              when the peer connection is connected
  out {"type": "state", "state": ...}    every connection state change (e.g. "failed")
  in  {"type": "stats"}  -> out {"type": "stats", "packetsSent": {...}, "packetsReceived": {...}, "generation": n}
                            (n: how many peer connections came before the current one)
  in  {"type": "reoffer"} -> out {"type": "offer", ...}   renegotiation on the same peer connection
  in  {"type": "restart"} -> out {"type": "offer", ...}   a new peer connection (new ICE credentials and
                                                           DTLS certificate): aiortc 1.4 cannot restart ICE
                                                           on an existing one, so this is its ICE restart
  in  {"type": "stop"}   -> closes and exits
Received tracks are consumed (and dropped) so that their packets are counted in packetsReceived.
Run with Debian's /usr/bin/python3 (python3-aiortc).
"""
import asyncio
import json
import sys

import aioice.ice
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaBlackhole
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

# aioice leaves 127.0.0.1 out of its host candidates; these tests run on loopback only, so the
# harness offers that address instead of whatever other interfaces the machine has.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


async def read_line():
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


def new_peer():
    pc = RTCPeerConnection()
    pc.addTrack(AudioStreamTrack())
    pc.addTrack(VideoStreamTrack())
    sink = MediaBlackhole()

    @pc.on("connectionstatechange")
    async def on_state():
        emit({"type": "state", "state": pc.connectionState})
        if pc.connectionState == "connected":
            emit({"type": "connected"})

    @pc.on("track")
    def on_track(track):
        sink.addTrack(track)

    return pc, sink


async def offer(pc):
    await pc.setLocalDescription(await pc.createOffer())
    emit({"type": "offer", "sdp": pc.localDescription.sdp})


async def main():
    pc, sink = new_peer()
    generation = 0
    await offer(pc)

    while True:
        line = await read_line()
        if not line:
            break
        message = json.loads(line)
        if message["type"] == "answer":
            await pc.setRemoteDescription(RTCSessionDescription(sdp=message["sdp"], type="answer"))
            await sink.start()
        elif message["type"] == "stats":
            report = await pc.getStats()
            sent = {s.kind: s.packetsSent for s in report.values() if s.type == "outbound-rtp"}
            received = {}
            for s in report.values():
                if s.type == "inbound-rtp":
                    received[s.kind] = received.get(s.kind, 0) + s.packetsReceived
            emit({"type": "stats", "packetsSent": sent, "packetsReceived": received, "generation": generation})
        elif message["type"] == "reoffer":
            await offer(pc)
        elif message["type"] == "restart":
            old, old_sink = pc, sink
            pc, sink = new_peer()
            generation += 1
            await old_sink.stop()
            await old.close()
            await offer(pc)
        elif message["type"] == "stop":
            break
    await sink.stop()
    await pc.close()


asyncio.run(main())
