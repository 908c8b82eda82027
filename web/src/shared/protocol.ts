// Generated from the C# contracts by tools/protocol-ts (./engage protocol): do not edit by hand; a unit test
// fails when this file and the contracts differ. The payloads of docs/protocol.md as the hubs and REST send
// them: camelCase properties, enums as camelCase strings, timestamps (ISO 8601) and durations (.NET TimeSpan)
// as strings, absent values as null.

/** The events clients receive, by name (ClientEvents). */
export const Events = {
  message: "message",
  session: "session",
  queuePosition: "queuePosition",
  offer: "offer",
  offerRevoked: "offerRevoked",
  agentStatus: "agentStatus",
  typing: "typing",
  customerPresence: "customerPresence",
  customerContext: "customerContext",
  read: "read",
  note: "note",
  invitation: "invitation",
  directoryPresence: "directoryPresence",
  siteVisitor: "siteVisitor",
  siteVisitorLeft: "siteVisitorLeft",
  visitorAlert: "visitorAlert",
  dashboard: "dashboard",
  representative: "representative",
  call: "call",
  callTrack: "callTrack",
  reconnect: "reconnect",
} as const;

/** Each event's payload (ClientEvent's factories). */
export interface EventPayloads {
  message: ChatMessage;
  session: SessionView;
  queuePosition: QueuePosition;
  offer: SessionOffer;
  offerRevoked: OfferRevoked;
  agentStatus: AgentStatus;
  typing: TypingNotice;
  customerPresence: CustomerPresenceView;
  customerContext: CustomerContext;
  read: ReadReceipt;
  note: SessionNote;
  invitation: Invitation;
  directoryPresence: DirectoryChange;
  siteVisitor: SiteVisitor[];
  siteVisitorLeft: SiteVisitorLeft[];
  visitorAlert: VisitorAlert;
  dashboard: DashboardSnapshot;
  representative: RepresentativeNotice;
  call: CallView;
  callTrack: CallTrack;
  reconnect: ReconnectNotice;
}

export type AgentChosenStatus = "available" | "away";

export interface AgentLoad {
  agentId: string;
  displayName: string;
  presence: AgentPresence;
  activeSessions: number;
  capacity: number;
  version: number;
}

export type AgentPresence = "offline" | "available" | "busy" | "away";

export interface AgentStatus {
  agentId: string;
  displayName: string;
  presence: AgentPresence;
  chosen: AgentChosenStatus;
  capacity: number;
  activeSessions: string[];
  pendingOffers: SessionOffer[];
  connections: number;
  idleSince: string;
}

export type CallMedia = "audio" | "video";

export interface CallParticipant {
  participantId: string;
  role: ParticipantRole;
  displayName: string;
  joined: boolean;
  connected: boolean;
  audioOn: boolean;
  videoOn: boolean;
}

export type CallStatus = "ringing" | "active" | "ended";

export interface CallTrack {
  sessionId: string;
  callId: string;
  participantId: string;
  trackId: string;
  kind: CallMedia;
  published: boolean;
}

export interface CallView {
  sessionId: string;
  callId: string;
  status: CallStatus;
  media: CallMedia;
  startedBy: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  participants: CallParticipant[];
  version: number;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

export interface ChannelPresence {
  channel: string;
  status: CustomerPresence;
  currentPage: string | null;
  pageTitle: string | null;
  connections: number;
  since: string;
}

export interface ChatMessage {
  sessionId: string;
  seq: number;
  kind: MessageKind;
  senderId: string;
  senderRole: ParticipantRole;
  senderName: string;
  text: string;
  at: string;
  clientMessageId: string | null;
}

export interface ContextSignal {
  customerId: string;
  kind: ContextSignalKind;
  name: string;
  values: Record<string, string>;
  at: string;
  source: string;
}

export type ContextSignalKind = "pageView" | "event" | "device" | "location" | "weather" | "fact" | "interaction";

export interface CustomerContext {
  customerId: string;
  isKnown: boolean;
  displayName: string | null;
  role: string | null;
  company: string | null;
  timeZone: string | null;
  location: LocationInfo | null;
  weather: WeatherInfo | null;
  pageTrail: PageVisit[];
  devices: DeviceReading[];
  facts: Record<string, string>;
  recentEvents: ContextSignal[];
  onSiteSince: string | null;
  version: number;
}

export type CustomerPresence = "offline" | "away" | "online";

export interface CustomerPresenceView {
  customerId: string;
  overall: CustomerPresence;
  channels: ChannelPresence[];
  version: number;
}

export interface CustomerView {
  customerId: string;
  isKnown: boolean;
  displayName: string | null;
  attributes: Record<string, string>;
  mergedVisitorIds: string[];
  sessionIds: string[];
  presence: CustomerPresenceView;
  firstSeen: string;
  lastSeen: string;
  mergedInto: string | null;
}

export interface DashboardSnapshot {
  queues: QueueStats[];
  agents: AgentLoad[];
  quality: QualityStats;
  at: string;
  version: number;
}

export interface DeviceReading {
  deviceId: string;
  name: string;
  value: string;
  unit: string | null;
  at: string;
}

export interface DirectoryChange {
  agentId: string | null;
  entry: DirectoryEntry | null;
  queues: QueueAvailability[];
  version: number;
}

export interface DirectoryEntry {
  agentId: string;
  displayName: string;
  title: string | null;
  photoUrl: string | null;
  skills: string[];
  queues: string[];
  presence: AgentPresence;
  version: number;
  role: StaffRole;
}

export interface DirectorySnapshot {
  representatives: DirectoryEntry[];
  queues: QueueAvailability[];
  version: number;
}

export interface HistoryEntry {
  channel: string;
  summary: string;
  at: string;
  sessionId: string | null;
  outcome: string | null;
}

export interface Invitation {
  invitationId: string;
  customerId: string;
  agentId: string | null;
  agentName: string | null;
  queueId: string;
  message: string;
  ruleId: string | null;
  expiresAt: string;
}

export interface JoinResult {
  session: SessionView;
  missed: ChatMessage[];
  hasMore: boolean;
  upToSeq: number;
}

export interface LocationInfo {
  city: string | null;
  region: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  timeZone: string | null;
  source: string;
  at: string;
}

export interface LoginResponse {
  agentId: string;
  role: StaffRole;
  name: string;
  token: string;
  expiresAt: string;
}

export interface MessageAck {
  sessionId: string;
  seq: number;
  at: string;
  clientMessageId: string | null;
  duplicate: boolean;
}

export type MessageKind = "text" | "event";

export type OfferEndReason = "declined" | "timedOut" | "agentOffline" | "withdrawn";

export interface OfferRevoked {
  sessionId: string;
  reason: OfferEndReason;
}

export interface PageVisit {
  url: string;
  title: string | null;
  at: string;
}

export interface Participant {
  id: string;
  role: ParticipantRole;
  displayName: string;
  joinedAt: string;
  leftAt: string | null;
}

export type ParticipantRole = "visitor" | "agent" | "system";

export interface QualityStats {
  averageFirstResponse: string | null;
  firstResponses: number;
  averageCsat: number | null;
  csatAnswers: number;
  nps: number | null;
  npsAnswers: number;
  conversions: number;
  outcomes: Record<string, number>;
  invitationsSent: number;
  invitationsAccepted: number;
  invitationAcceptanceRate: number | null;
  closedSessions: number;
  conversionRate: number | null;
  serviceLevel: number | null;
}

export interface QueueAvailability {
  queueId: string;
  name: string;
  agentsOnline: number;
  agentsAvailable: number;
  version: number;
}

export interface QueuePosition {
  sessionId: string;
  queueId: string;
  position: number;
  waiting: number;
  estimatedWait: string | null;
  version: number;
}

export interface QueueStats {
  queueId: string;
  name: string;
  waiting: number;
  oldestWaitingSince: string | null;
  answered: number;
  answeredWithinSla: number;
  abandoned: number;
  slaTarget: string;
  agentsAvailable: number;
  agentsBusy: number;
  agentsAway: number;
  serviceLevel: number | null;
  version: number;
}

export interface ReadReceipt {
  sessionId: string;
  participantId: string;
  role: ParticipantRole;
  seq: number;
}

export interface ReconnectNotice {
  reason: string;
  message: string;
  closeAt: string;
  spreadMs: number;
}

export interface RepresentativeNotice {
  sessionId: string;
  agentId: string;
  state: RepresentativeState;
  reason: RepresentativeReason | null;
  fallbackAt: string | null;
  version: number;
}

export type RepresentativeReason = "offline" | "away" | "declined" | "noAnswer" | "waitExpired" | "visitorChoice";

export type RepresentativeState = "unavailable" | "available" | "fellBack";

export interface SessionNote {
  sessionId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}

export interface SessionOffer {
  sessionId: string;
  queueId: string;
  customerId: string;
  topic: string | null;
  offeredAt: string;
  expiresAt: string;
}

export interface SessionRating {
  csat: number;
  nps: number | null;
  comment: string | null;
  at: string;
}

export type SessionStatus = "requested" | "queued" | "offered" | "active" | "wrapUp" | "closed" | "abandoned";

export interface SessionTimings {
  requestedAt: string;
  queuedAt: string | null;
  firstOfferedAt: string | null;
  acceptedAt: string | null;
  firstAgentReplyAt: string | null;
  wrapUpAt: string | null;
  closedAt: string | null;
  abandonedAt: string | null;
}

export interface SessionView {
  sessionId: string;
  status: SessionStatus;
  customerId: string;
  queueId: string;
  topic: string | null;
  requiredSkills: string[];
  participants: Participant[];
  timings: SessionTimings;
  lastSeq: number;
  assignedAgentId: string | null;
  outcome: string | null;
  channel: string;
  preferredAgentId: string | null;
  rating: SessionRating | null;
  reads: ReadReceipt[] | null;
}

export interface SiteVisitor {
  customerId: string;
  displayName: string | null;
  isKnown: boolean;
  presence: CustomerPresence;
  currentPage: string | null;
  pageTitle: string | null;
  onSiteSince: string;
  pageSince: string;
  inSession: boolean;
  version: number;
}

export interface SiteVisitorLeft {
  customerId: string;
  version: number;
}

export type StaffRole = "agent" | "supervisor" | "admin";

export interface StartSessionRequest {
  queueId: string;
  topic?: string | null;
  requiredSkills?: string[] | null;
  channel?: string;
  agentId?: string | null;
  invitationId?: string | null;
  requestId?: string | null;
}

export interface TypingNotice {
  sessionId: string;
  participantId: string;
  role: ParticipantRole;
  isTyping: boolean;
}

export interface VisitorAlert {
  customerId: string;
  displayName: string | null;
  ruleId: string;
  ruleName: string;
  message: string;
  page: string | null;
  at: string;
}

export interface VisitorTokenResponse {
  customerId: string;
  isKnown: boolean;
  token: string;
  expiresAt: string;
}

export interface WeatherInfo {
  summary: string;
  temperatureC: number | null;
  source: string;
  observedAt: string;
}
