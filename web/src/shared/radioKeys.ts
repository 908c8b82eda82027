/**
 * The WAI-ARIA radio group's keys (https://www.w3.org/WAI/ARIA/apg/patterns/radio/): the arrows move to the next or
 * previous option, wrapping, and Home/End to the first and last. Returns the option to move to (and check), or null
 * for any other key.
 */
export function radioKeyTarget(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case "ArrowRight": case "ArrowDown": return (current + 1) % count;
    case "ArrowLeft": case "ArrowUp": return (current - 1 + count) % count;
    case "Home": return 0;
    case "End": return count - 1;
    default: return null;
  }
}
