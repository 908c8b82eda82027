"""An aiortc participant for the media tests: publishes audio and video, offers, and takes the answer.

Protocol on stdin/stdout, one JSON object per line:
  out {"type": "offer", "sdp": ...}      after ICE gathering
  in  {"type": "answer", "sdp": ...}
  out {"type": "connected"}              when the peer connection is connected
  in  {"type": "stats"}  -> out {"type": "stats", "packetsSent": {...}}
  in  {"type": "stop"}   -> closes and exits
Run with Debian's /usr/bin/python3 (python3-aiortc).
"""
import asyncio
import json
import sys

import aioice.ice
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

# aioice leaves 127.0.0.1 out of its host candidates; these tests run on loopback only, so the
# harness offers that address instead of whatever other interfaces the machine has.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


async def read_line():
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def main():
    pc = RTCPeerConnection()
    pc.addTrack(AudioStreamTrack())
    pc.addTrack(VideoStreamTrack())

    @pc.on("connectionstatechange")
    async def on_state():
        if pc.connectionState == "connected":
            emit({"type": "connected"})

    await pc.setLocalDescription(await pc.createOffer())
    emit({"type": "offer", "sdp": pc.localDescription.sdp})

    while True:
        line = await read_line()
        if not line:
            break
        message = json.loads(line)
        if message["type"] == "answer":
            await pc.setRemoteDescription(RTCSessionDescription(sdp=message["sdp"], type="answer"))
        elif message["type"] == "stats":
            report = await pc.getStats()
            sent = {s.kind: s.packetsSent for s in report.values() if s.type == "outbound-rtp"}
            emit({"type": "stats", "packetsSent": sent})
        elif message["type"] == "stop":
            break
    await pc.close()


asyncio.run(main())
