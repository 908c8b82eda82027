// Pure conversions between the admin forms' text fields and the API's values (tested in web/test/adminForms.test.ts).
import type { BusinessHours, OpeningHours } from "./types";

/** "billing, support ,," → ["billing", "support"]. */
export function splitList(text: string): string[] {
  return text.split(",").map((item) => item.trim()).filter((item) => item.length > 0);
}

export const joinList = (items: readonly string[]) => items.join(", ");

/** "00:01:30" → 90, "1.02:00:00" → 93600; null for anything else. */
export function durationSeconds(duration: string): number | null {
  const match = /^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(duration.trim());
  return match ? Number(match[1] ?? 0) * 86400 + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]) : null;
}

/** 90 → "00:01:30", 93600 → "1.02:00:00": the API's duration format (days before the hours). */
export function duration(seconds: number): string {
  const two = (n: number) => String(Math.floor(n)).padStart(2, "0");
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  return `${days > 0 ? `${days}.` : ""}${two(rest / 3600)}:${two((rest % 3600) / 60)}:${two(rest % 60)}`;
}

const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Weekly spans as lines of "monday 09:00-17:00"; several spans of one day are several lines. */
export function formatWeekly(weekly: readonly OpeningHours[]): string {
  return weekly.map((span) => `${span.day} ${span.opens.slice(0, 5)}-${span.closes.slice(0, 5)}`).join("\n");
}

/** Reads the lines of {@link formatWeekly}; an error names the line the server would not understand. */
export function parseWeekly(text: string): { weekly: OpeningHours[] } | { error: string } {
  const weekly: OpeningHours[] = [];
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line.length > 0);
  for (const [index, line] of lines.entries()) {
    const match = /^([a-z]+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i.exec(line);
    const day = match?.[1].toLowerCase();
    if (!match || !day || !days.includes(day)) return { error: `Line ${index + 1}: write a day and a span, like "monday 09:00-17:00".` };
    weekly.push({ day, opens: `${match[2].padStart(5, "0")}:00`, closes: `${match[3].padStart(5, "0")}:00` });
  }
  return { weekly };
}

/** The hours a form describes: none when no zone is given (always open). */
export function businessHours(timeZone: string, weeklyText: string, holidaysText: string): { hours: BusinessHours | null } | { error: string } {
  if (timeZone.trim() === "") return { hours: null };
  const parsed = parseWeekly(weeklyText);
  if ("error" in parsed) return parsed;
  return { hours: { timeZone: timeZone.trim(), weekly: parsed.weekly, holidays: splitList(holidaysText) } };
}
