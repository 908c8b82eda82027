import type { SessionSlaView } from "../shared/protocol";
import { useNow } from "../shared/ui";
import { slaCountdown } from "./slaClock";

/** A session's SLA countdown: amber when a quarter of the target is left, red once breached; nothing without a running clock. */
export function SlaTimer({ sla, long = false }: { sla: SessionSlaView | null | undefined; long?: boolean }) {
  const now = useNow(1000);
  const countdown = slaCountdown(sla, now);
  if (!countdown) return null;
  return (
    <span class={`sla-timer sla-${countdown.level}`} role="timer" aria-label={countdown.label} title={countdown.label}
      data-testid="sla-timer" data-level={countdown.level}>
      {long ? countdown.headline : countdown.text}
    </span>
  );
}
