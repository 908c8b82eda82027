// The admin API's shapes (docs/protocol.md, REST and Audit log), as far as the admin pages read and write them.
import type { StaffRole } from "../shared/protocol";

export interface OpeningHours { day: string; opens: string; closes: string }
export interface BusinessHours { timeZone: string; weekly: OpeningHours[]; holidays: string[] }
export type FieldAsk = "hidden" | "optional" | "required";
export interface PreChatForm {
  name: FieldAsk;
  email: FieldAsk;
  fields: unknown[];
  consent: { text: string; required: boolean } | null;
}

/** A queue's settings; fields this page does not edit are sent back as they came. */
export interface QueueDefinition {
  queueId: string;
  name: string;
  skills: string[];
  offerTimeout: string;
  slaTarget: string;
  hours: BusinessHours | null;
  preChatForm: PreChatForm | null;
  retentionDays: number | null;
  routing?: RoutingPolicy | null;
  sla?: SlaPolicy | null;
  [other: string]: unknown;
}

/** A queue's SLA policy (docs/protocol.md, "SLA policy"): targets as durations, null for none. */
export interface SlaPolicy {
  firstResponse: string | null;
  nextResponse: string | null;
  resolution: string | null;
  businessHoursOnly: boolean;
  bands: SlaBand[] | null;
}
export interface SlaBand { minPriority: number; firstResponse: string | null; nextResponse: string | null; resolution: string | null }

/** A queue's routing (docs/protocol.md, "Routing policy"); a step does exactly one of its four actions. */
export interface RoutingPolicy {
  priority: number;
  priorityRules: PriorityRule[] | null;
  agingPerMinute: number;
  skillLevel: number;
  cherryPick: boolean;
  steps: RoutingStep[] | null;
}
export interface PriorityRule { attribute: string; value: string; boost: number }
export interface RoutingStep {
  after: string;
  skillLevel?: number | null;
  anyAgent?: boolean;
  overflowTo?: string | null;
  offerLeaveMessage?: boolean;
}

export interface AgentProfile {
  agentId: string;
  displayName: string;
  email: string;
  role: StaffRole;
  skills: string[];
  capacity: number;
  queues: string[];
  title: string | null;
  photoUrl: string | null;
  /** Levels (1–10) of some of the skills; a skill left out is level 1. */
  skillLevels?: Record<string, number> | null;
}
export interface AgentDetails { profile: AgentProfile; status: { presence: string } }

export interface CannedResponse { id: string; shortcut: string; title: string; text: string }

export interface ProactiveRule {
  ruleId: string;
  name: string;
  enabled: boolean;
  pagePattern: string | null;
  minSecondsOnPage: number | null;
  returningWithinDays: number | null;
  requireOpenSession: boolean;
  action: "inviteVisitor" | "notifyAgents";
  message: string;
  queueId: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  targetKind: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}
export interface AuditPage { entries: AuditEntry[]; next: number | null }
