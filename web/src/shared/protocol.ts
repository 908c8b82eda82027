// The client protocol's payloads (docs/protocol.md), as the hubs and REST send them: camelCase,
// enums as camelCase strings, timestamps ISO 8601, durations .NET TimeSpan strings.

export type SessionStatus = "requested" | "queued" | "offered" | "active" | "wrapUp" | "closed" | "abandoned";
export type ParticipantRole = "visitor" | "agent" | "system";
export type AgentPresence = "offline" | "available" | "busy" | "away";
export type CustomerPresence = "offline" | "away" | "online";

export interface Participant { id: string; role: ParticipantRole; displayName: string; joinedAt: string; leftAt: string | null }

export interface SessionTimings {
  requestedAt: string; queuedAt: string | null; firstOfferedAt: string | null; acceptedAt: string | null;
  firstAgentReplyAt: string | null; wrapUpAt: string | null; closedAt: string | null; abandonedAt: string | null;
}

export interface SessionRating { csat: number; nps: number | null; comment: string | null; at: string }
export interface ReadReceipt { sessionId: string; participantId: string; role: ParticipantRole; seq: number }

export interface SessionView {
  sessionId: string; status: SessionStatus; customerId: string; queueId: string; topic: string | null;
  requiredSkills: string[]; participants: Participant[]; timings: SessionTimings; lastSeq: number;
  assignedAgentId: string | null; outcome: string | null; channel: string;
  preferredAgentId?: string | null; rating?: SessionRating | null; reads?: ReadReceipt[] | null;
}

export interface ChatMessage {
  sessionId: string; seq: number; kind: "text" | "event"; senderId: string; senderRole: ParticipantRole;
  senderName: string; text: string; at: string; clientMessageId: string | null;
}

/**
 * The answer to a join (JoinSession, AcceptOffer, StartSession, AnswerInvitation): `missed` (plus transcript
 * pages when `hasMore`) covers up to `upToSeq`; live `message` events go on from upToSeq + 1. (`upToSeq` is
 * optional only for servers from before it existed.)
 */
export interface JoinResult { session: SessionView; missed: ChatMessage[]; hasMore: boolean; upToSeq?: number }
export interface StartSessionRequest {
  queueId: string; topic?: string | null; requiredSkills?: string[] | null; channel?: string | null; agentId?: string | null;
  /** Makes StartSession safe to repeat: the same visitor and requestId reach the same session. */
  requestId?: string | null;
}
/** The `reconnect` event: the node is draining; move to a new connection within `closeAt`, after a random wait of up to `spreadMs`. */
export interface ReconnectNotice { reason: string; message: string; closeAt: string; spreadMs: number }
export interface MessageAck { sessionId: string; seq: number; at: string; clientMessageId: string | null; duplicate: boolean }
export interface QueuePosition { sessionId: string; queueId: string; position: number; waiting: number; estimatedWait: string | null; version: number }
export interface TypingNotice { sessionId: string; participantId: string; role: ParticipantRole; isTyping: boolean }
export interface SessionOffer { sessionId: string; queueId: string; customerId: string; topic: string | null; offeredAt: string; expiresAt: string }
export interface OfferRevoked { sessionId: string; reason: "declined" | "timedOut" | "agentOffline" | "withdrawn" }

export interface AgentStatus {
  agentId: string; displayName: string; presence: AgentPresence; chosen: "available" | "away"; capacity: number;
  activeSessions: string[]; pendingOffers: SessionOffer[]; connections: number; idleSince: string;
}

export interface ChannelPresence { channel: string; status: CustomerPresence; currentPage: string | null; pageTitle: string | null; connections: number; since: string }
export interface CustomerPresenceView { customerId: string; overall: CustomerPresence; channels: ChannelPresence[]; version: number }

export interface CustomerView {
  customerId: string; isKnown: boolean; displayName: string | null; attributes: Record<string, string>;
  mergedVisitorIds: string[]; sessionIds: string[]; presence: CustomerPresenceView; firstSeen: string; lastSeen: string; mergedInto: string | null;
}

// ---- issue 4: context, boards, feedback (grain-interfaces/Context, Boards, Feedback) ----

export interface PageVisit { url: string; title: string | null; at: string }
export interface LocationInfo { city: string | null; region: string | null; country: string | null; latitude: number | null; longitude: number | null; timeZone: string | null; source: string; at: string }
export interface WeatherInfo { summary: string; temperatureC: number | null; source: string; observedAt: string }
export interface DeviceReading { deviceId: string; name: string; value: string; unit: string | null; at: string }
export interface ContextSignal { customerId: string; kind: string; name: string; values: Record<string, string>; at: string; source: string }
export interface HistoryEntry { channel: string; summary: string; at: string; sessionId: string | null; outcome: string | null }

export interface CustomerContext {
  customerId: string; isKnown: boolean; displayName: string | null; role: string | null; company: string | null;
  timeZone: string | null; location: LocationInfo | null; weather: WeatherInfo | null; pageTrail: PageVisit[];
  devices: DeviceReading[]; facts: Record<string, string>; recentEvents: ContextSignal[]; onSiteSince: string | null; version: number;
}

export interface SessionNote { sessionId: string; authorId: string; authorName: string; text: string; at: string }
export interface Invitation { invitationId: string; customerId: string; agentId: string | null; agentName: string | null; queueId: string; message: string; ruleId: string | null; expiresAt: string }
export interface CannedResponse { id: string; shortcut: string; title: string; text: string }
export interface SessionSummary {
  sessionId: string; channel: string; status: SessionStatus; queueId: string; topic: string | null; agentId: string | null;
  requestedAt: string; closedAt: string | null; outcome: string | null; rating: SessionRating | null; messageCount: number;
}

export interface DirectoryEntry { agentId: string; displayName: string; title: string | null; photoUrl: string | null; skills: string[]; queues: string[]; presence: AgentPresence; version: number; role?: string }
export interface QueueAvailability { queueId: string; name: string; agentsOnline: number; agentsAvailable: number; version: number }
export interface DirectorySnapshot { representatives: DirectoryEntry[]; queues: QueueAvailability[]; version: number }
export interface DirectoryChange { agentId: string | null; entry: DirectoryEntry | null; queues: QueueAvailability[]; version: number }
export interface RepresentativeNotice {
  sessionId: string; agentId: string; state: "unavailable" | "available" | "fellBack";
  reason: "offline" | "away" | "declined" | "noAnswer" | "waitExpired" | "visitorChoice" | null; fallbackAt: string | null; version: number;
}
export interface SiteVisitor {
  customerId: string; displayName: string | null; isKnown: boolean; presence: CustomerPresence; currentPage: string | null; pageTitle: string | null;
  onSiteSince: string; pageSince: string; inSession: boolean; version: number;
}
export interface SiteVisitorLeft { customerId: string; version: number }
export interface VisitorAlert { customerId: string; displayName: string | null; ruleId: string; ruleName: string; message: string; page: string | null; at: string }

export interface QueueStats {
  queueId: string; name: string; waiting: number; oldestWaitingSince: string | null; answered: number; answeredWithinSla: number;
  abandoned: number; slaTarget: string; agentsAvailable: number; agentsBusy: number; agentsAway: number; serviceLevel?: number | null;
}
export interface AgentLoad { agentId: string; displayName: string; presence: AgentPresence; activeSessions: number; capacity: number }
export interface QualityStats {
  averageFirstResponse: string | null; firstResponses: number; averageCsat: number | null; csatAnswers: number; nps: number | null; npsAnswers: number;
  conversions: number; outcomes: Record<string, number>; invitationsSent: number; invitationsAccepted: number;
  invitationAcceptanceRate?: number | null; closedSessions?: number; conversionRate?: number | null; serviceLevel?: number | null;
}
export interface DashboardSnapshot { queues: QueueStats[]; agents: AgentLoad[]; quality: QualityStats; at: string; version: number }

// ---- calls (docs/protocol.md#calls-audio-and-video) ----
export type CallMedia = "audio" | "video";
export type CallStatus = "ringing" | "active" | "ended";
export interface CallParticipant {
  participantId: string; role: ParticipantRole; displayName: string;
  /** Took part (started or accepted) and has not hung up. */ joined: boolean;
  /** Media flows through the node. */ connected: boolean; audioOn: boolean; videoOn: boolean;
}
export interface CallView {
  sessionId: string; callId: string; status: CallStatus; media: CallMedia; startedBy: string; startedAt: string;
  answeredAt: string | null; endedAt: string | null; endReason: string | null; participants: CallParticipant[]; version: number;
}
export interface CallTrack { sessionId: string; callId: string; participantId: string; trackId: string; kind: CallMedia; published: boolean }

// ---- tokens ----
export interface VisitorToken { customerId: string; isKnown: boolean; token: string; expiresAt: string }
export interface LoginResponse { agentId: string; role: "agent" | "supervisor" | "admin"; name: string; token: string; expiresAt: string }
