// Pure conversions between the queue form's routing rows and the API's routing policy, and between the agent
// form's skill level fields and `skillLevels` (tested in web/test/adminForms.test.ts). Ranges are the server's
// to check: its refusal (field `routing` or `skillLevels`) shows by the form.
import type { PriorityRule, RoutingPolicy, RoutingStep } from "./types";
import { duration, durationSeconds } from "./forms";

export type StepAction = "skillLevel" | "anyAgent" | "overflowTo" | "offerLeaveMessage";
export interface RuleRow { attribute: string; value: string; boost: string }
export interface StepRow { after: string; action: StepAction; skillLevel: string; overflowTo: string }
export interface RoutingRows {
  priority: string;
  agingPerMinute: string;
  skillLevel: string;
  cherryPick: boolean;
  rules: RuleRow[];
  steps: StepRow[];
}

type Parsed<T> = T | { error: string };

export const emptyRule = (): RuleRow => ({ attribute: "", value: "", boost: "10" });
export const emptyStep = (): StepRow => ({ after: "", action: "skillLevel", skillLevel: "1", overflowTo: "" });

/** 90 → "1:30", 3700 → "1:01:40": how a step's wait shows in its row. */
export function minutesText(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** "90", "1:30" or "0:01:30" → 90; null for anything else. */
export function afterSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const mmss = /^(\d+):(\d{2})$/.exec(t);
  if (mmss) return Number(mmss[1]) * 60 + Number(mmss[2]);
  return durationSeconds(t);
}

/** The rows a policy shows as; no policy shows the defaults (arrival order, level 1, no rules or steps). */
export function routingRows(policy: RoutingPolicy | null | undefined): RoutingRows {
  return {
    priority: String(policy?.priority ?? 0),
    agingPerMinute: String(policy?.agingPerMinute ?? 0),
    skillLevel: String(policy?.skillLevel ?? 1),
    cherryPick: policy?.cherryPick ?? false,
    rules: (policy?.priorityRules ?? []).map((r) => ({ attribute: r.attribute, value: r.value, boost: String(r.boost) })),
    steps: (policy?.steps ?? []).map(stepRow),
  };
}

function stepRow(step: RoutingStep): StepRow {
  const after = minutesText(durationSeconds(step.after) ?? 0);
  const row = { ...emptyStep(), after };
  if (step.anyAgent) return { ...row, action: "anyAgent" };
  if (step.overflowTo) return { ...row, action: "overflowTo", overflowTo: step.overflowTo };
  if (step.offerLeaveMessage) return { ...row, action: "offerLeaveMessage" };
  return { ...row, action: "skillLevel", skillLevel: String(step.skillLevel ?? 1) };
}

/** A whole number from a field, the fallback when it is blank. */
function whole(text: string, fallback: number, what: string): Parsed<number> {
  const t = text.trim();
  if (t === "") return fallback;
  return /^\d+$/.test(t) ? Number(t) : { error: `${what}: write a whole number.` };
}

const failed = (value: unknown): value is { error: string } => typeof value === "object" && value !== null && "error" in value;

/**
 * The policy the rows describe: null when they ask nothing beyond the defaults. Rows left wholly blank are
 * dropped; an error names the row the form cannot read.
 */
export function routingPolicy(rows: RoutingRows): Parsed<{ routing: RoutingPolicy | null }> {
  const priority = whole(rows.priority, 0, "Priority");
  if (failed(priority)) return priority;
  const agingPerMinute = whole(rows.agingPerMinute, 0, "Aging per minute");
  if (failed(agingPerMinute)) return agingPerMinute;
  const skillLevel = whole(rows.skillLevel, 1, "Starting skill level");
  if (failed(skillLevel)) return skillLevel;

  const priorityRules: PriorityRule[] = [];
  for (const [index, row] of rows.rules.entries()) {
    if (row.attribute.trim() === "" && row.value.trim() === "") continue;
    const boost = whole(row.boost, 0, `Priority rule ${index + 1}, boost`);
    if (failed(boost)) return boost;
    priorityRules.push({ attribute: row.attribute.trim(), value: row.value.trim(), boost });
  }

  const steps: RoutingStep[] = [];
  for (const [index, row] of rows.steps.entries()) {
    const seconds = afterSeconds(row.after);
    if (seconds === null) return { error: `Step ${index + 1}: write after as seconds (90) or minutes and seconds (1:30).` };
    const after = duration(seconds);
    if (row.action === "skillLevel") {
      const level = whole(row.skillLevel, 1, `Step ${index + 1}, skill level`);
      if (failed(level)) return level;
      steps.push({ after, skillLevel: level });
    } else if (row.action === "overflowTo") {
      if (row.overflowTo === "") return { error: `Step ${index + 1}: choose the queue to overflow to.` };
      steps.push({ after, overflowTo: row.overflowTo });
    } else {
      steps.push({ after, [row.action]: true });
    }
  }

  const routing: RoutingPolicy = {
    priority, priorityRules, agingPerMinute, skillLevel, cherryPick: rows.cherryPick, steps,
  };
  const isDefault = priority === 0 && agingPerMinute === 0 && skillLevel === 1 && !rows.cherryPick && priorityRules.length === 0 && steps.length === 0;
  return { routing: isDefault ? null : routing };
}

/** The levels typed for the agent's skills, as `skillLevels`: level 1 (or blank) is left out; null when none remain. */
export function skillLevels(skills: readonly string[], levels: Readonly<Record<string, string>>): Parsed<{ skillLevels: Record<string, number> | null }> {
  const chosen: Record<string, number> = {};
  for (const skill of skills) {
    const level = whole(levels[skill] ?? "", 1, `Level of ${skill}`);
    if (failed(level)) return level;
    if (level !== 1) chosen[skill] = level;
  }
  return { skillLevels: Object.keys(chosen).length > 0 ? chosen : null };
}

/** "billing 3, support": the skills with the levels above 1. */
export function skillsText(skills: readonly string[], levels: Readonly<Record<string, number>> | null | undefined): string {
  return skills.map((skill) => (levels?.[skill] ?? 1) > 1 ? `${skill} ${levels?.[skill]}` : skill).join(", ");
}

/** "priority 10 · 1 rule · 2 steps", or "arrival order" for a queue without a policy. */
export function routingSummary(policy: RoutingPolicy | null | undefined): string {
  if (!policy) return "arrival order";
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const parts = [
    policy.priority > 0 ? `priority ${policy.priority}` : null,
    policy.priorityRules?.length ? count(policy.priorityRules.length, "rule") : null,
    policy.agingPerMinute > 0 ? `+${policy.agingPerMinute}/min` : null,
    policy.skillLevel > 1 ? `level ${policy.skillLevel}` : null,
    policy.steps?.length ? count(policy.steps.length, "step") : null,
    policy.cherryPick ? "cherry-pick" : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(" · ") : "arrival order";
}
