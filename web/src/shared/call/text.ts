import type { CallView } from "../protocol";

/** "2:05", "1:02:05": a call's running time. */
export function callClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** How a call ended, from this side's point of view (shown for a moment where the call was). */
export function endedText(view: CallView, startedByMe: boolean, otherName: string, noAnswer: boolean): string {
  switch (view.endReason) {
    case "declined":
      return startedByMe ? `${otherName} declined the call.` : "You declined the call.";
    case "cancelled":
      return startedByMe ? (noAnswer ? `${otherName} didn't answer.` : "Call cancelled.") : `Missed call from ${otherName}.`;
    case "session ended":
      return "The call ended with the conversation.";
    default:
      return view.answeredAt && view.endedAt ? `Call ended · ${callClock(Date.parse(view.endedAt) - Date.parse(view.answeredAt))}` : "Call ended.";
  }
}
