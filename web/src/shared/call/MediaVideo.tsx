import { useEffect, useRef } from "preact/hooks";

/** A <video> showing a MediaStream, always muted: the call's sound plays through the PeerLink's speaker. */
export function MediaVideo({ stream, className, label }: { stream: MediaStream | null; className: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || el.srcObject === stream) return;
    el.srcObject = stream;
    if (stream) el.play().catch(() => {});
  }, [stream]);
  return <video ref={ref} class={className} autoPlay playsInline muted aria-label={label} />;
}
