import { useEffect, useState } from "preact/hooks";
import type { AgentPresence, CustomerPresence } from "./protocol";
import { hue, initials } from "./ids";

/** The current time, re-rendering every `everyMs`: countdowns, waits, local clocks. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const presenceLabel: Record<string, string> = {
  available: "Available", busy: "Busy", away: "Away", offline: "Offline", online: "Online",
};

export function presenceText(presence: AgentPresence | CustomerPresence): string {
  return presenceLabel[presence] ?? presence;
}

export function PresenceDot({ presence }: { presence: AgentPresence | CustomerPresence }) {
  return <span class="dot" data-presence={presence} role="img" aria-label={presenceText(presence)} />;
}

/**
 * A person's photo, or their initials on a colour of their own; an anonymous visitor gets two letters of their id.
 * Hidden from screen readers, except its presence dot; `decorative` hides that too, where the text next to it says it.
 */
export function Avatar({ id, name, photoUrl, size, presence, decorative }: {
  id: string; name: string | null | undefined; photoUrl?: string | null; size?: "sm" | "lg"; presence?: AgentPresence | CustomerPresence; decorative?: boolean;
}) {
  const anonymous = /^Visitor #(\w{2})/.exec(name ?? "");
  // The initials are drawn by CSS (::before): decoration, not text, so a button's name is only what it says.
  return (
    <span class={`avatar${size ? ` avatar-${size}` : ""}`} style={{ "--h": hue(id) }} aria-hidden={presence && !decorative ? undefined : "true"}
      data-initials={photoUrl ? undefined : anonymous ? anonymous[1] : initials(name)}>
      {photoUrl && <img src={photoUrl} alt="" />}
      {presence && <PresenceDot presence={presence} />}
    </span>
  );
}
