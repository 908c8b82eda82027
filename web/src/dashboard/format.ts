/** "92%" from a 0–1 rate, "—" when there is nothing to divide by yet. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !isFinite(rate) ? "—" : `${Math.round(rate * 100)}%`;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** "12 min", "1 h 05 min": how long an agent has been in their chosen status (whole minutes; "under 1 min" before the first). */
export function minutesSince(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "under 1 min";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "Away · Lunch · 12 min": an away agent's reason (when they gave one) and the time since they chose it. */
export function awayText(reason: string | null, chosenSince: string | null, now: number): string {
  return ["Away", reason, chosenSince ? minutesSince(now - Date.parse(chosenSince)) : null].filter((part) => part).join(" · ");
}
