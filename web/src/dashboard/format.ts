/** "92%" from a 0–1 rate, "—" when there is nothing to divide by yet. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !isFinite(rate) ? "—" : `${Math.round(rate * 100)}%`;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
