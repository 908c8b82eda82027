// Durations come as .NET TimeSpan strings ("[d.]hh:mm:ss[.fffffff]"); times as ISO 8601.

/** Milliseconds of a TimeSpan string, or null. */
export function timeSpanMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, minus, days, hours, minutes, seconds, fraction] = match;
  const ms = ((+(days ?? 0) * 24 + +hours) * 60 + +minutes) * 60_000 + +seconds * 1000 + Math.round(+`0.${fraction ?? 0}` * 1000);
  return minus ? -ms : ms;
}

/** "42s", "3m 05s", "1h 12m": for waits and times on site. */
export function shortDuration(ms: number | null): string {
  if (ms === null || !isFinite(ms)) return "—";
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${String(total % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** "about 2 min" for a visitor's estimated wait. */
export function friendlyWait(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms < 60_000) return "less than a minute";
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? "about 1 minute" : `about ${minutes} minutes`;
}

export function since(iso: string | null | undefined, now: number): number | null {
  return iso ? now - Date.parse(iso) : null;
}

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** A time to come, in the reader's own zone: "at 09:00" (today), "tomorrow at 09:00", "on Monday at 09:00", "on Mon, Dec 14 at 09:00". */
export function upcoming(iso: string, now: number): string {
  const date = new Date(iso);
  const days = localDay(date) - localDay(new Date(now));
  const time = clockTime(iso);
  if (days <= 0) return `at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days < 7) return `on ${date.toLocaleDateString([], { weekday: "long" })} at ${time}`;
  return `on ${date.toLocaleDateString([], { weekday: "short", month: "short", day: "numeric" })} at ${time}`;
}

/** Days since the epoch by the local calendar (a day is a date, whatever its length around a DST change). */
function localDay(date: Date): number {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);
}

/** The time now in an IANA time zone ("14:05", "Tue"), or null for an unknown zone. */
export function localTimeIn(timeZone: string, now: number): { time: string; day: string; offset: string; partOfDay: PartOfDay } | null {
  try {
    const date = new Date(now);
    const time = new Intl.DateTimeFormat([], { timeZone, hour: "2-digit", minute: "2-digit" }).format(date);
    const day = new Intl.DateTimeFormat([], { timeZone, weekday: "short" }).format(date);
    const offset = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" })
      .formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "";
    return { time, day, offset, partOfDay: partOfDay(hourIn(timeZone, date)) };
  } catch {
    return null;
  }
}

export type PartOfDay = "night" | "morning" | "afternoon" | "evening";

/** 0–23 in the zone. Read as a number with a 24-hour cycle: the displayed time may be "11:08 PM" in the user's locale. */
function hourIn(timeZone: string, date: Date): number {
  const hour = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).formatToParts(date).find((p) => p.type === "hour")?.value;
  return Number(hour) % 24;
}

export function partOfDay(hour: number): PartOfDay {
  return hour < 6 ? "night" : hour < 12 ? "morning" : hour < 18 ? "afternoon" : hour < 22 ? "evening" : "night";
}

/** 65 → "1:05", 3723 → "1:02:03". */
export function clockText(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
