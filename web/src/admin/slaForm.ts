// Pure conversions between the queue form's SLA fields and the API's SLA policy (tested in web/test/adminForms.test.ts).
// Targets are typed as seconds (90), minutes and seconds (1:30) or hours (1:00:00); ranges are the server's to check:
// its refusal (field `sla`) shows by the form.
import type { SlaBand, SlaPolicy } from "./types";
import { duration, durationSeconds } from "./forms";
import { afterSeconds, minutesText } from "./routingForm";

export interface SlaTargetsRow { firstResponse: string; nextResponse: string; resolution: string }
export interface SlaBandRow extends SlaTargetsRow { minPriority: string }
export interface SlaRows extends SlaTargetsRow { businessHoursOnly: boolean; bands: SlaBandRow[] }

type Parsed<T> = T | { error: string };

const targets = ["firstResponse", "nextResponse", "resolution"] as const;
const names: Record<(typeof targets)[number], string> = { firstResponse: "first response", nextResponse: "next response", resolution: "resolution" };

export const emptyBand = (): SlaBandRow => ({ minPriority: "100", firstResponse: "", nextResponse: "", resolution: "" });

const shown = (target: string | null | undefined) => target ? minutesText(durationSeconds(target) ?? 0) : "";

/** The rows a policy shows as; no policy shows blank targets. */
export function slaRows(policy: SlaPolicy | null | undefined): SlaRows {
  return {
    firstResponse: shown(policy?.firstResponse), nextResponse: shown(policy?.nextResponse), resolution: shown(policy?.resolution),
    businessHoursOnly: policy?.businessHoursOnly ?? false,
    bands: (policy?.bands ?? []).map((b) => ({
      minPriority: String(b.minPriority), firstResponse: shown(b.firstResponse), nextResponse: shown(b.nextResponse), resolution: shown(b.resolution),
    })),
  };
}

function target(text: string, what: string): Parsed<{ value: string | null }> {
  if (text.trim() === "") return { value: null };
  const seconds = afterSeconds(text);
  return seconds === null ? { error: `${what}: write seconds (90), minutes and seconds (1:30) or hours (1:00:00).` } : { value: duration(seconds) };
}

function targetsOf(row: SlaTargetsRow, owner: string): Parsed<Record<(typeof targets)[number], string | null>> {
  const out = { firstResponse: null, nextResponse: null, resolution: null } as Record<(typeof targets)[number], string | null>;
  for (const key of targets) {
    const parsed = target(row[key], `${owner}${names[key]}`);
    if ("error" in parsed) return parsed;
    out[key] = parsed.value;
  }
  return out;
}

/** The policy the rows describe: null when they set no target and no band. An error names the field the form cannot read. */
export function slaPolicy(rows: SlaRows): Parsed<{ sla: SlaPolicy | null }> {
  const main = targetsOf(rows, "SLA ");
  if ("error" in main) return main;
  const bands: SlaBand[] = [];
  for (const [index, row] of rows.bands.entries()) {
    const owner = `SLA band ${index + 1}, `;
    if (!/^\d+$/.test(row.minPriority.trim())) return { error: `${owner}minimum priority: write a whole number.` };
    const set = targetsOf(row, owner);
    if ("error" in set) return set;
    bands.push({ minPriority: Number(row.minPriority.trim()), ...set });
  }
  const none = main.firstResponse === null && main.nextResponse === null && main.resolution === null && bands.length === 0;
  return { sla: none ? null : { ...main, businessHoursOnly: rows.businessHoursOnly, bands } };
}

/** "first 2:00 · next 5:00 · resolve 1:00:00 · 2 bands", or "—" for a queue without a policy. */
export function slaSummary(policy: SlaPolicy | null | undefined): string {
  if (!policy) return "—";
  const parts = [
    policy.firstResponse ? `first ${shown(policy.firstResponse)}` : null,
    policy.nextResponse ? `next ${shown(policy.nextResponse)}` : null,
    policy.resolution ? `resolve ${shown(policy.resolution)}` : null,
    policy.bands?.length ? `${policy.bands.length} band${policy.bands.length === 1 ? "" : "s"}` : null,
    policy.businessHoursOnly ? "business hours" : null,
  ].filter((part) => part !== null);
  return parts.join(" · ");
}
