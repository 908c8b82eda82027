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
  queueWaiting: "queueWaiting",
  representative: "representative",
  call: "call",
  callTrack: "callTrack",
  reconnect: "reconnect",
  conversation: "conversation",
  conversationMessage: "conversationMessage",
  conversationNote: "conversationNote",
  inboxCounts: "inboxCounts",
  slaBoard: "slaBoard",
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
  queueWaiting: QueueWaitingList;
  representative: RepresentativeNotice;
  call: CallView;
  callTrack: CallTrack;
  reconnect: ReconnectNotice;
  conversation: ConversationView;
  conversationMessage: ChatMessage;
  conversationNote: ConversationNote;
  inboxCounts: InboxCounts;
  slaBoard: SlaBoard;
}

/** What the agent chose in the workspace. */
export type AgentChosenStatus = "available" | "away";

/** An agent's presence and load as the dashboard shows it. */
export interface AgentLoad {
  agentId: string;
  displayName: string;
  presence: AgentPresence;
  activeSessions: number;
  capacity: number;
  /** The agent's clock: the dashboard grain drops a load older than the one it holds. */
  version: number;
  /** The reason the agent gave with away (lunch, training), null otherwise. */
  awayReason: string | null;
  /** When the agent last chose a status (or reason): the dashboard shows the time in it. */
  chosenSince: string | null;
  /**
   * The agent's active sessions, which a supervisor may monitor (docs/protocol.md, "Agent hub: supervision").
   */
  sessionIds: string[] | null;
}

/** Presence derived from the chosen status, live connections and load. */
export type AgentPresence = "offline" | "available" | "busy" | "away";

/** An agent's live status: presence, load, offers and sessions. */
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
  /** The reason given with away (SetAway), null otherwise. */
  awayReason: string | null;
  /** When the chosen status or its reason last changed (null before the first change). */
  chosenSince: string | null;
}

/**
 * Where to read a file for a short while: a signed URL on this server, usable without a token until it
 * expires.
 */
export interface AttachmentLink {
  attachment: AttachmentView;
  url: string;
  expiresAt: string;
}

/**
 * A file sent with a message, as clients see it: never its bytes or where it is kept (docs/protocol.md,
 * Attachments).
 */
export interface AttachmentView {
  /** "f_" plus a random part. */
  attachmentId: string;
  /** The name the uploader gave, cleaned for display. */
  fileName: string;
  /** What the bytes are, judged from the bytes themselves. */
  contentType: string;
  size: number;
}

/** What a call starts with; either side can add or stop video during the call. */
export type CallMedia = "audio" | "video";

/** A session participant as the call shows them. */
export interface CallParticipant {
  participantId: string;
  role: ParticipantRole;
  displayName: string;
  /** Took part in the call (started it or accepted) and has not hung up. */
  joined: boolean;
  /** Their media is flowing through the node (ICE and DTLS completed). */
  connected: boolean;
  /** Not muted. */
  audioOn: boolean;
  /** Camera on. */
  videoOn: boolean;
  /**
   * A supervisor in the call and how (docs/protocol.md, "Agent hub: supervision"); null for the visitor and
   * the agent.
   */
  supervising: SupervisionMode | null;
}

/** Ringing (the other side has not answered) → Active → Ended. */
export type CallStatus = "ringing" | "active" | "ended";

/**
 * A track appeared in or left the call's media room: clients that receive media renegotiate (add a receiving
 * transceiver for a new track, or free one), then send a new offer.
 */
export interface CallTrack {
  sessionId: string;
  callId: string;
  participantId: string;
  trackId: string;
  kind: CallMedia;
  published: boolean;
}

/** The audio/video call of a session (one at a time). */
export interface CallView {
  sessionId: string;
  /** Names the media room; a new call gets a new id. */
  callId: string;
  status: CallStatus;
  media: CallMedia;
  startedBy: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Why it ended: hung up, declined, session closed, … */
  endReason: string | null;
  participants: CallParticipant[];
  version: number;
}

/** A saved reply agents insert with a shortcut. */
export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

/** Presence on one channel, over all of the customer's connections on it (several tabs at once). */
export interface ChannelPresence {
  channel: string;
  status: CustomerPresence;
  currentPage: string | null;
  pageTitle: string | null;
  connections: number;
  since: string;
}

/** One transcript entry. Seq is dense and increasing per session, starting at 1. */
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
  /** The files sent with it (docs/protocol.md, Attachments); null for none. */
  attachments: AttachmentView[] | null;
  /**
   * On an entry the visitor reads: the seq of the entry before it that the visitor reads too (0 for none),
   * where the server knows it (live, and in what a visitor joins or pages). A visitor never receives
   * staff-only entries (MessageAudience), so its seqs skip theirs: this tells a skip from a loss. Null
   * otherwise.
   */
  precededBy: number | null;
}

export interface ClusterSilo {
  silo: string;
  name: string | null;
  host: string | null;
  endpoint: string;
  status: ClusterSiloStatus;
  startedAt: string;
  isThisNode: boolean;
  draining: boolean;
  closeAt: string | null;
  cpuPercent: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
  activations: number | null;
  connections: HubConnections | null;
}

export type ClusterSiloStatus = "joining" | "active" | "shuttingDown" | "dead";

export interface ClusterSnapshot {
  at: string;
  answeredBy: string;
  silos: ClusterSilo[];
}

export interface ContactDetail {
  contactId: string;
  isKnown: boolean;
  name: string | null;
  email: string | null;
  attributes: Record<string, string>;
  firstSeen: string;
  lastSeenAt: string;
  presence: CustomerPresence;
  mergedVisitorIds: string[];
  mergedInto: string | null;
  conversations: ConversationView[];
  conversationsNext: string | null;
}

export interface ContactPage {
  contacts: ContactSummary[];
  next: string | null;
}

/** One contact in the contacts list: who, what is known of them, and how much they talked with the team. */
export interface ContactSummary {
  contactId: string;
  /**
   * Identified with the company's own customer id; false for anonymous visitors and contacts known only by
   * email or an API channel.
   */
  isKnown: boolean;
  name: string | null;
  email: string | null;
  attributes: Record<string, string>;
  /** Their conversations the caller may see. */
  conversationCount: number;
  firstSeen: string;
  /** Their own last activity: on the site, a chat, a message left, a change of identity or attributes. */
  lastSeenAt: string;
  /** The newest activity in those conversations (a reply of the team too); null without any. */
  lastConversationAt: string | null;
}

/**
 * One piece of live context about a customer, from the widget, a device or a back-end system. Travels on the
 * customer's context stream (ContextStreams).
 */
export interface ContextSignal {
  customerId: string;
  kind: ContextSignalKind;
  name: string;
  values: Record<string, string>;
  at: string;
  source: string;
}

/** What a context signal says. */
export type ContextSignalKind =
  /** The visitor opened a page (widget). Values: url, title, referrer. */
  | "pageView"
  /** A custom event the site tracked (widget track()). Name = event name; Values = its properties. */
  | "event"
  /** A device or IoT reading. Name = reading name (e.g. "temperature"); Values: value, unit, deviceId. */
  | "device"
  /** Where the customer is. Values: city, region, country, latitude, longitude, timeZone (IANA id). */
  | "location"
  /** Weather where the customer is. Values: summary, temperatureC, observedAt (optional). */
  | "weather"
  /** A custom fact from a back-end system (Name = fact, Values: value). Also: role, company, plan. */
  | "fact"
  /** An interaction on another channel (email, phone, store visit). Values: channel, summary, outcome. */
  | "interaction";

/**
 * A private note on a conversation, written by staff for staff: never shown to its contact (not in the
 * thread, its events, webhooks or mail). Kept in the conversation's state, oldest first.
 */
export interface ConversationNote {
  conversationId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}

export interface ConversationPage {
  conversations: ConversationView[];
  next: string | null;
}

/** A conversation's message and the conversation after it (the sender's acknowledgement). */
export interface ConversationPost {
  message: ChatMessage;
  conversation: ConversationView;
  /** True when the client message id was already stored: nothing new was written. */
  duplicate: boolean;
}

/**
 * Where a conversation stands. A new customer message makes any status Open again; a snooze ends by itself at
 * its time.
 */
export type ConversationStatus =
  /** Needs the team: new, or the customer wrote last. */
  | "open"
  /** Waiting on the customer. */
  | "pending"
  /** Put aside until SnoozedUntil, then open again. */
  | "snoozed"
  /** Done; the customer writing again reopens it. */
  | "resolved";

/**
 * A conversation with its messages: its own transcript and its episodes' transcripts, merged by time (oldest
 * first). Each message's SessionId says which transcript it is from: the conversation's id, or an episode's
 * session id.
 */
export interface ConversationThread {
  conversation: ConversationView;
  messages: ChatMessage[];
  /** True when older messages were left out (the thread keeps the newest ThreadMessages). */
  truncated: boolean;
}

/**
 * A lasting conversation with one contact: live chat sessions are episodes inside it, and messages left,
 * mailed or posted between them are its own transcript. Staff see every field; a visitor gets it without
 * labels.
 */
export interface ConversationView {
  conversationId: string;
  /** The customer (contact) it belongs to. */
  contactId: string;
  /** The queue (team inbox) it belongs to. */
  queueId: string;
  channel: string;
  subject: string | null;
  status: ConversationStatus;
  snoozedUntil: string | null;
  /** The agent it is assigned to, if any. */
  assigneeId: string | null;
  labels: string[];
  createdAt: string;
  lastActivityAt: string;
  preview: string | null;
  /** Its live chat sessions (episodes), oldest first. */
  sessionIds: string[];
  /** The episode running now (waiting or active), if any. */
  liveSessionId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  /** True when the customer wrote last and nobody on the team has answered since. */
  awaitingReply: boolean;
  /** The highest seq of the conversation's own transcript (episodes have their own). */
  lastSeq: number;
  /** Grows with every change; ignore a view older than the one shown. */
  version: number;
  /** The API channel it came through (channel "api"); its customer messages come only from there. */
  apiChannelId: string | null;
}

/**
 * The customer's live context as the agent workspace shows it: the four context clues (identity and role,
 * local time, location, weather), the page trail, the latest device readings, facts and recent events.
 */
export interface CustomerContext {
  customerId: string;
  isKnown: boolean;
  displayName: string | null;
  role: string | null;
  company: string | null;
  /** IANA time zone id; the workspace shows the customer's local time from it. */
  timeZone: string | null;
  location: LocationInfo | null;
  weather: WeatherInfo | null;
  pageTrail: PageVisit[];
  devices: DeviceReading[];
  facts: Record<string, string>;
  recentEvents: ContextSignal[];
  onSiteSince: string | null;
  /** Grows with every change; ignore a context older than the one shown. */
  version: number;
}

export type CustomerPresence = "offline" | "away" | "online";

export interface CustomerPresenceView {
  customerId: string;
  overall: CustomerPresence;
  channels: ChannelPresence[];
  version: number;
}

/** A customer as staff see it. */
export interface CustomerView {
  customerId: string;
  /** True once identified with the company's own customer id. */
  isKnown: boolean;
  displayName: string | null;
  attributes: Record<string, string>;
  /** Anonymous visitor ids folded into this customer by identify. */
  mergedVisitorIds: string[];
  sessionIds: string[];
  presence: CustomerPresenceView;
  firstSeen: string;
  lastSeen: string;
  /** Set on an anonymous visitor after identify: the customer it now belongs to. */
  mergedInto: string | null;
}

/** Everything the supervisor dashboard shows; pushed as a whole on change (throttled). */
export interface DashboardSnapshot {
  queues: QueueStats[];
  agents: AgentLoad[];
  quality: QualityStats;
  at: string;
  version: number;
}

/** The latest value of one reading of one device. */
export interface DeviceReading {
  deviceId: string;
  name: string;
  value: string;
  unit: string | null;
  at: string;
}

/**
 * One change to the directory, broadcast to its watchers: a representative's entry and the availability of
 * the queues the change touched.
 */
export interface DirectoryChange {
  /** The representative that changed; null when only queue figures changed (staff who are not listed). */
  agentId: string | null;
  /** The representative's entry now; null when they are no longer listed (remove them). */
  entry: DirectoryEntry | null;
  queues: QueueAvailability[];
  /** The directory's version of this change; equals Entry's version when present. */
  version: number;
}

/** A representative as visitors see them in the directory: who, expertise and live presence. */
export interface DirectoryEntry {
  agentId: string;
  displayName: string;
  title: string | null;
  photoUrl: string | null;
  skills: string[];
  queues: string[];
  presence: AgentPresence;
  /**
   * Sent by the agent: its own clock, so the team directory drops one that arrives after a newer one. Entries
   * the directory hands out carry its own version instead (one clock for everything a watcher sees).
   */
  version: number;
  /**
   * Only Agent is listed to visitors; supervisors and admins who serve a queue still count towards its agents
   * online.
   */
  role: StaffRole;
}

/** The directory as a visitor first sees it: the representatives and every queue's availability. */
export interface DirectorySnapshot {
  representatives: DirectoryEntry[];
  queues: QueueAvailability[];
  /** The directory's version when the snapshot was taken. */
  version: number;
}

/** Something that happened with the customer on any channel, for the agent's history view. */
export interface HistoryEntry {
  channel: string;
  summary: string;
  at: string;
  sessionId: string | null;
  outcome: string | null;
}

export interface HubConnections {
  visitor: number;
  agent: number;
}

/**
 * How many unresolved conversations a queue holds in one status, channel and assignee (null: unassigned). The
 * workspace sums the rows of the queues the agent serves into its views' counts.
 */
export interface InboxCount {
  queueId: string;
  status: ConversationStatus;
  channel: string;
  assigneeId: string | null;
  count: number;
}

/** The inbox's live counts (unresolved conversations; labels over open ones). A higher version is newer. */
export interface InboxCounts {
  counts: InboxCount[];
  labels: InboxLabelCount[];
  version: number;
}

/** How many open conversations of a queue carry a label. */
export interface InboxLabelCount {
  queueId: string;
  label: string;
  count: number;
}

/** An invitation to chat shown to a visitor: from an agent ("proactive invite") or from a rule. */
export interface Invitation {
  invitationId: string;
  customerId: string;
  /** The inviting agent, or null when a rule invited on behalf of QueueId. */
  agentId: string | null;
  agentName: string | null;
  queueId: string;
  message: string;
  /** The proactive rule that fired, or null when an agent invited. */
  ruleId: string | null;
  expiresAt: string;
}

/**
 * The answer to a join/resume: the session plus every durable message after the client's last sequence
 * number.
 */
export interface JoinResult {
  session: SessionView;
  missed: ChatMessage[];
  /** True when more messages were missed than one reply carries; page with ReadTranscript up to UpToSeq. */
  hasMore: boolean;
  /**
   * The reply (with paging, when HasMore) covers the transcript up to this seq; live message events on the
   * joining connection continue from the next one.
   */
  upToSeq: number;
}

/** A message left in the widget while nobody could answer (out of hours, or no agent online). */
export interface LeaveMessageRequest {
  queueId: string;
  name: string | null;
  /** Where the reply goes if the visitor is not on the site then. */
  email: string;
  /** Already checked and trimmed by the API. */
  text: string;
  clientMessageId: string | null;
  /**
   * Answers to the queue's pre-chat form other than the name and email above (its custom fields and consent).
   * The visitor hub checks them with the name and email and makes them the contact's attributes; the customer
   * grain gets null.
   */
  form?: Record<string, string | null> | null;
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

/** Acknowledges a message once it is durable. */
export interface MessageAck {
  sessionId: string;
  seq: number;
  at: string;
  clientMessageId: string | null;
  /**
   * True when the client message id had already been stored: the original sequence number is returned and
   * nothing new was written.
   */
  duplicate: boolean;
  /**
   * The message as stored. The connection that sent it gets it here and not as a message event (one push
   * fewer per message); the sender's other connections get the event.
   */
  message: ChatMessage;
}

export type MessageKind =
  /** Text typed by a participant. */
  | "text"
  /** A transcript event written by the system (joined, left, closed, call started...). */
  | "event"
  /** A supervisor's message to the assigned agent: staff only, never the visitor's (MessageAudience). */
  | "whisper"
  /**
   * A transcript event for staff only (supervision started, stopped…), never the visitor's (MessageAudience).
   */
  | "staffEvent";

/** Why an offer ended without being accepted. */
export type OfferEndReason = "declined" | "timedOut" | "agentOffline" | "withdrawn";

/** Tells an agent's clients that an offer is gone. */
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

/**
 * An invite into a session that AgentId has not answered yet: an offer with invitedBy in front of them until
 * ExpiresAt (the session's queue's offer timeout). Staff only.
 */
export interface PendingInvite {
  agentId: string;
  invitedBy: string;
  invitedAt: string;
  expiresAt: string;
  note: string | null;
}

/**
 * A transfer under way: the session stays with FromAgentId until an agent takes it. Staff only (the visitor's
 * view never carries it).
 */
export interface PendingTransfer {
  fromAgentId: string;
  toAgentId: string | null;
  toQueueId: string | null;
  startedAt: string;
  /** For a transfer to an agent: when the offer to them ends and the session stays where it is. */
  expiresAt: string | null;
  note: string | null;
}

/** Whether a pre-chat form asks for a value, and whether the visitor must give it. */
export type PreChatAsk = "hidden" | "optional" | "required";

/** A consent checkbox: its text, and whether a chat needs it ticked. */
export interface PreChatConsent {
  text: string;
  required: boolean;
}

/** A custom field of a pre-chat form. */
export interface PreChatField {
  /** The attribute the answer is stored under (an id; not one of the reserved attribute names). */
  key: string;
  /** What the visitor reads beside the field. */
  label: string;
  kind: PreChatFieldKind;
  required: boolean;
  /** The choices of a Select field; empty for the other kinds. */
  options: string[];
}

/** What a custom field of a pre-chat form takes. */
export type PreChatFieldKind = "text" | "email" | "number" | "select";

/**
 * The questions a queue asks before a chat starts or a message is left (docs/protocol.md, Pre-chat form). The
 * answers become the contact's attributes: name, email, each field's key, and the consent with its time.
 */
export interface PreChatForm {
  /** Whether the visitor's name is asked. */
  name: PreChatAsk;
  /** Whether the visitor's email address is asked (a left message always needs one). */
  email: PreChatAsk;
  /** Custom fields, in the order shown. */
  fields: PreChatField[];
  /** A checkbox the visitor ticks (e.g. to agree to a privacy notice); null: none. */
  consent: PreChatConsent | null;
}

/** Service quality over all queues, kept incrementally from session events. */
export interface QualityStats {
  /** Mean time from acceptance to the agent's first reply. */
  averageFirstResponse: string | null;
  firstResponses: number;
  averageCsat: number | null;
  csatAnswers: number;
  /** Net promoter score (% promoters − % detractors), null without NPS answers. */
  nps: number | null;
  npsAnswers: number;
  conversions: number;
  outcomes: Record<string, number>;
  invitationsSent: number;
  invitationsAccepted: number;
  /** Accepted / sent proactive invitations (0–1), null before the first one. */
  invitationAcceptanceRate: number | null;
  /** Sessions closed (with or without an outcome). */
  closedSessions: number;
  /** Conversions / closed sessions (0–1), null before the first close. */
  conversionRate: number | null;
  /** Over all queues: answered within their SLA / answered (0–1), null before the first answer. */
  serviceLevel: number | null;
}

/** Whether a queue can answer now: staff serving it who are online, and how many of them can take a chat. */
export interface QueueAvailability {
  queueId: string;
  name: string;
  /** Serving staff who are available or busy (at capacity). */
  agentsOnline: number;
  /** Serving staff who are available (spare capacity, taking chats). */
  agentsAvailable: number;
  /** The directory's version when these figures last changed. */
  version: number;
  /** Within the queue's business hours now (always true for a queue without hours). */
  open: boolean;
  /** When a closed queue opens next (null when open, or not within a month). */
  opensAt: string | null;
}

export interface QueueForm {
  queueId: string;
  form: PreChatForm | null;
}

/** Live position of a waiting session, pushed to its visitor. A higher Version is newer. */
export interface QueuePosition {
  sessionId: string;
  queueId: string;
  position: number;
  waiting: number;
  estimatedWait: string | null;
  version: number;
  leaveMessageOffered: boolean;
}

/** Live figures of one queue for the supervisor dashboard. */
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
  /** Share (0–1) of answered sessions answered within SlaTarget; null before the first answer. */
  serviceLevel: number | null;
  /**
   * The queue's clock: the dashboard grain drops figures older than the ones it holds (one-way calls may
   * overtake).
   */
  version: number;
}

/**
 * A queue's waiting list as agents see it in the workspace (event queueWaiting): the first WaitingListed
 * sessions in rank order, and how many wait in all.
 */
export interface QueueWaitingList {
  queueId: string;
  name: string;
  /** Agents may take one of these themselves (PickSession). */
  cherryPick: boolean;
  waiting: QueuedSession[];
  total: number;
  /** The queue's clock: ignore a list older than the last one seen. */
  version: number;
}

/** A waiting session as the queue holds it. */
export interface QueuedSession {
  sessionId: string;
  customerId: string;
  topic: string | null;
  requiredSkills: string[];
  /** When the session began to wait, in its first queue: aging and the SLA count from here. */
  enqueuedAt: string;
  offeredTo: string | null;
  offerExpiresAt: string | null;
  preferredAgentId: string | null;
  /** The priority it came in with: its queues' and contact's, whichever was highest (aging comes on top). */
  priority: number;
  /** When it entered this queue (an overflow or a transfer moves it): the queue's steps count from here. */
  enteredAt: string | null;
  /**
   * For a transfer to this queue: the agent who made it, offered it only after every other eligible agent.
   */
  transferredFrom: string | null;
}

/** A participant has read the transcript up to Seq. */
export interface ReadReceipt {
  sessionId: string;
  participantId: string;
  role: ParticipantRole;
  seq: number;
}

/**
 * The reconnect event: this node is going away. Open a new connection (through the same address; the load
 * balancer sends it to another node) after a random wait of up to SpreadMs, re-join your sessions, then drop
 * this one. The server closes it at CloseAt.
 */
export interface ReconnectNotice {
  reason: string;
  message: string;
  closeAt: string;
  spreadMs: number;
}

/** How a report's series cuts its interval: local hours or local days of the site's time zone. */
export type ReportBucket = "hour" | "day";

/**
 * The figures of a set of sessions (docs/protocol.md, Reports). Rates are 0–1; durations in seconds; null
 * when nothing was counted.
 */
export interface ReportFigures {
  /** Sessions requested (every outcome). */
  sessions: number;
  answered: number;
  /** The visitor left before an agent answered, Missed included. */
  abandoned: number;
  /** Of the abandoned: offered to an agent at least once first. */
  missed: number;
  /** Still waiting for an agent. */
  waiting: number;
  /** Answered over answered + abandoned (waiting sessions are not decided yet). */
  answerRate: number | null;
  /** Abandoned over answered + abandoned. */
  abandonmentRate: number | null;
  /** Answered → the agent's first message. */
  averageFirstResponseSeconds: number | null;
  /** The 90th percentile of the same. */
  p90FirstResponseSeconds: number | null;
  /** Answered → closed, wrap-up included; closed sessions only. */
  averageHandleSeconds: number | null;
  averageCsat: number | null;
  csatAnswers: number;
  /** Answered within the queue's SLA target (from queued) over answered. */
  serviceLevel: number | null;
  /**
   * SLA breaches of first-response targets (docs/protocol.md, SLA policy); likewise next-response and
   * resolution.
   */
  firstResponseBreaches: number;
  nextResponseBreaches: number;
  resolutionBreaches: number;
  /** Sessions with at least one SLA breach. */
  sessionsBreached: number;
}

/** One bucket of a series: its start (a local hour's or midnight's instant) and its figures. */
export interface ReportPoint {
  start: string;
  figures: ReportFigures;
}

/** One queue's or agent's figures in a summary; Name as it is now (the id when it is gone). */
export interface ReportRow {
  id: string;
  name: string;
  figures: ReportFigures;
}

/**
 * The figures of an interval bucket by bucket, every bucket present (empty ones with zero sessions), oldest
 * first.
 */
export interface ReportSeries {
  from: string;
  to: string;
  timeZone: string;
  bucket: ReportBucket;
  queueId: string | null;
  agentId: string | null;
  points: ReportPoint[];
}

/** The figures of an interval, in all and per queue and per agent (sessions they answered), busiest first. */
export interface ReportSummary {
  from: string;
  to: string;
  timeZone: string;
  queueId: string | null;
  agentId: string | null;
  total: ReportFigures;
  queues: ReportRow[];
  agents: ReportRow[];
}

/** Tells a session (and its visitor) what became of the representative it waits for. */
export interface RepresentativeNotice {
  sessionId: string;
  agentId: string;
  state: RepresentativeState;
  reason: RepresentativeReason | null;
  /** For Unavailable: when the session goes to the whole queue. */
  fallbackAt: string | null;
  /** Grows with every notice about the session; ignore one lower than the last seen. */
  version: number;
}

/** Why a chosen representative is unavailable or was given up on. */
export type RepresentativeReason =
  | "offline"
  | "away"
  /** The representative declined the session. */
  | "declined"
  /** The representative let the offer time out. */
  | "noAnswer"
  /** They stayed unavailable until the deadline. */
  | "waitExpired"
  /** The visitor chose to talk to anyone instead. */
  | "visitorChoice";

/** Where a session waiting for a chosen representative stands. */
export type RepresentativeState =
  /**
   * The representative went offline or away; unless they are back by the deadline, anyone in the queue
   * answers.
   */
  | "unavailable"
  /** The representative is back; the session waits for them again. */
  | "available"
  /** The session no longer waits for the representative: the queue's next available agent answers. */
  | "fellBack";

/** One message found, with a snippet around the words and its conversation. */
export interface SearchHit {
  message: ChatMessage;
  /** The message's words around the match, the matched words between « and ». */
  snippet: string;
  conversation: ConversationView;
}

/**
 * An agent in a session beside its assigned agent, who stays the session's owner (wrap-up, close, transfer).
 * Staff only: the visitor sees them as participants.
 */
export interface SessionMember {
  agentId: string;
  displayName: string;
  kind: SessionMemberKind;
  joinedAt: string;
  /** The agent who invited them. */
  invitedBy: string | null;
}

/**
 * How an agent other than the assigned one takes part in a session. Colleagues are invited by the assigned
 * agent (docs/protocol.md, Agent hub: conference); more kinds (a supervisor barging in) join this list.
 */
export type SessionMemberKind =
  /**
   * Invited by the assigned agent and accepted: writes in the chat, joins the call, counts against their
   * capacity.
   */
  | "colleague";

/** A private note on a session: staff only, never shown to the visitor. */
export interface SessionNote {
  sessionId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}

/** An offer shown to an agent: accept before ExpiresAt or it goes to the next agent. */
export interface SessionOffer {
  sessionId: string;
  queueId: string;
  customerId: string;
  topic: string | null;
  offeredAt: string;
  expiresAt: string;
  /**
   * Set when a colleague hands over their active session: the agent it comes from (the offer is then the
   * session's, not a queue's).
   */
  transferFrom: string | null;
  /** The colleague's private note with the transfer or the invite. */
  note: string | null;
  /**
   * Set when a colleague invites this agent into their active session (docs/protocol.md, Agent hub:
   * conference): the agent who invites. Accepting makes this agent a member of the session; the session stays
   * the colleague's.
   */
  invitedBy: string | null;
}

/** The visitor's rating at the end of a session: CSAT 1–5, optional NPS 0–10 and a comment. */
export interface SessionRating {
  csat: number;
  nps: number | null;
  comment: string | null;
  at: string;
}

/**
 * A session's SLA as staff see it (Sla; its visitor never does): the running clock due soonest, and the
 * breaches so far. Clients count down to DueAt themselves: the server sends a new view only when a clock
 * starts, stops, turns at risk or is breached.
 */
export interface SessionSlaView {
  /** The running clock due soonest; null when none runs (all met, or the session ended). */
  kind: SlaKind | null;
  /** When that clock started (queued, or the visitor's oldest unanswered message). */
  startedAt: string | null;
  /** When it is due; null when the queue stays closed past the calendar's look-ahead. */
  dueAt: string | null;
  /** When a quarter of its target remains (AtRiskRemaining): shown as a warning from then. */
  atRiskAt: string | null;
  /** That clock is past due and still running. */
  breached: boolean;
  /** The policy counts business hours only and the queue is closed now. */
  paused: boolean;
  /** Breaches of this session so far, of every kind. */
  breaches: number;
}

/**
 * Lifecycle of an engagement: Requested → Queued → Offered → Active → WrapUp → Closed; Abandoned when the
 * visitor leaves before an agent accepted.
 */
export type SessionStatus = "requested" | "queued" | "offered" | "active" | "wrapUp" | "closed" | "abandoned";

/**
 * A supervisor (or admin) supervising a session. Staff see every one; the visitor sees only those who barged
 * in, as participants.
 */
export interface SessionSupervisor {
  agentId: string;
  displayName: string;
  mode: SupervisionMode;
  /** When the current mode began. */
  since: string;
  /** In a call: the supervisor's microphone reaches the assigned agent (push-to-whisper held). */
  whisperAudio: boolean;
}

/** When each lifecycle step happened; the raw material for queue and SLA metrics. */
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

/** What a client sees of a session. */
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
  transfer: PendingTransfer | null;
  /** The SLA clocks (staff only; null for the visitor and for a queue without an SLA policy). */
  sla: SessionSlaView | null;
  members: SessionMember[] | null;
  invites: PendingInvite[] | null;
  supervisors: SessionSupervisor[] | null;
}

/** A visitor on the site right now, for the agents' "visitors on site" list. */
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

/**
 * A visitor left the site (went offline), for the agents' "visitors on site" list. Carries the version of the
 * change, so a client drops it when it already holds a newer SiteVisitor (the visitor came back).
 */
export interface SiteVisitorLeft {
  customerId: string;
  version: number;
}

/** One running SLA clock at risk or in breach, as the supervisor dashboard lists it. */
export interface SlaAlert {
  sessionId: string;
  queueId: string;
  kind: SlaKind;
  level: SlaAlertLevel;
  dueAt: string;
  /** The assigned agent; null while the session waits. */
  agentId: string | null;
}

/** How close a session's SLA clock is to its due time. */
export type SlaAlertLevel =
  /** A quarter of the target or less remains. */
  | "atRisk"
  /** Past due, and the clock still runs. */
  | "breached";

/**
 * The live SLA board (event slaBoard, hub method WatchSla): every running clock at risk or in breach, most
 * urgent first, and each queue's breaches today. Pushed whole on change, like the dashboard.
 */
export interface SlaBoard {
  alerts: SlaAlert[];
  queues: SlaQueueBreaches[];
  /** The site's date the breach counts are of. */
  day: string;
  /** Ignore a board older than the last one seen. */
  version: number;
}

/** What an SLA clock measures. */
export type SlaKind = "firstResponse" | "nextResponse" | "resolution";

/** One queue's breaches today (the site's day, Engagement:Reports:TimeZone). */
export interface SlaQueueBreaches {
  queueId: string;
  breaches: number;
}

export type StaffRole =
  | "agent"
  | "supervisor"
  | "admin"
  /** Runs the cluster: the cluster view, drains, the Orleans dashboard; no customer data, no chats. */
  | "operator";

/** A visitor's request to talk to someone. */
export interface StartSessionRequest {
  /** Queue to wait in. */
  queueId: string;
  /** What it is about, shown to the agent in the offer. */
  topic?: string | null;
  /** Skills the agent must have; empty means the queue's own skills. */
  requiredSkills?: string[] | null;
  /** Channel the session runs on ("web" for the widget). */
  channel?: string;
  /** A specific representative the visitor chose: only they are offered the session. */
  agentId?: string | null;
  /** The invitation (agent or rule) the visitor accepted, if any. */
  invitationId?: string | null;
  /** The client's idempotency key: repeating StartSession with the same key reaches the same session. */
  requestId?: string | null;
  /**
   * Answers to the queue's pre-chat form (key → value). The visitor hub checks them against the form and
   * makes them the contact's attributes before the session starts; the session itself keeps none (the hub
   * hands it null).
   */
  form?: Record<string, string | null> | null;
}

/**
 * How a supervisor takes part in a session (docs/protocol.md, "Agent hub: supervision"): Monitor watches
 * unseen, Whisper also speaks to the assigned agent alone, Barge joins the conversation visibly.
 */
export type SupervisionMode = "monitor" | "whisper" | "barge";

/**
 * An agent hands an active session to another agent (ToAgentId) or to a queue (ToQueueId): exactly one of the
 * two. Note is a private note for the staff who take over.
 */
export interface TransferRequest {
  toAgentId: string | null;
  toQueueId: string | null;
  note?: string | null;
}

/** Someone in the session is typing (or stopped). */
export interface TypingNotice {
  sessionId: string;
  participantId: string;
  role: ParticipantRole;
  isTyping: boolean;
}

/** Pushed to agents watching the site when a NotifyAgents rule fires. */
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

/**
 * How the visitor widget looks and what it says, set by an admin. A null value (and the default, which is all
 * null and PositionRight) means "the widget's own default": the default texts live in the widget alone
 * (web/src/widget/appearance.ts), so a site that never sets them sees what it always saw.
 */
export interface WidgetSettings {
  brandColor: string | null;
  position: string;
  headerName: string | null;
  greetingTitle: string | null;
  greetingText: string | null;
  startLabel: string | null;
  offlineText: string | null;
  closedText: string | null;
}
