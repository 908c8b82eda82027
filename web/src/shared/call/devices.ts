// The camera and microphone for a call: asked for together (one permission prompt), falling back to
// the microphone alone when the camera is refused or missing, with a message a person can act on.

export interface LocalDevices {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** What could not be opened and what to do about it; null when everything asked for works. */
  problem: string | null;
}

const videoConstraints: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
const audioConstraints: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/** True when this browser and page can take part in calls (WebRTC and a secure context). */
export function callsSupported(): boolean {
  return typeof RTCPeerConnection !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
}

export async function openDevices(audio: boolean, video: boolean): Promise<LocalDevices> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { audio: null, video: null, problem: "Calls need a secure (https) page and a browser with camera and microphone support." };
  }
  if (!audio && !video) return { audio: null, video: null, problem: null };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: audio && audioConstraints, video: video && videoConstraints });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problem: null };
  } catch (error) {
    const both = describeRefusal(error, audio && video ? "camera and microphone" : video ? "camera" : "microphone");
    if (!(audio && video)) return { audio: null, video: null, problem: both };
    // The camera is often the one refused or busy: keep the call going with the microphone.
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: audioConstraints });
      return { audio: stream.getAudioTracks()[0] ?? null, video: null, problem: `${describeRefusal(error, "camera")} You're on audio only.` };
    } catch {
      return { audio: null, video: null, problem: both };
    }
  }
}

/** getUserMedia's DOMException names (Media Capture and Streams §9.2), as advice. */
export function describeRefusal(error: unknown, what: string): string {
  const name = error instanceof DOMException ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return `Access to your ${what} is blocked. Allow it for this site in your browser's settings, then try again.`;
    case "NotFoundError":
    case "OverconstrainedError":
      return `No ${what} was found on this device.`;
    case "NotReadableError":
    case "AbortError":
      return `Your ${what} is in use by another app or could not start.`;
    default:
      return `Your ${what} could not be started.`;
  }
}

export function stopTrack(track: MediaStreamTrack | null | undefined) {
  track?.stop();
}
