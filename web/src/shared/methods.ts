// Hub method and event names in one place (docs/protocol.md). The issue-4 ones come from the
// context and boards branches' sections of docs/protocol.md.

export const VisitorMethods = {
  startSession: "StartSession",
  joinSession: "JoinSession",
  sendMessage: "SendMessage",
  getTranscript: "GetTranscript",
  typing: "Typing",
  leaveSession: "LeaveSession",
  updateLocation: "UpdateLocation",
  setAttributes: "SetAttributes",
  markRead: "MarkRead",
  rate: "RateSession",
  watchDirectory: "WatchDirectory",
  waitForAnyAgent: "WaitForAnyAgent",
  trackPageView: "TrackPageView",
  track: "Track",
  setTimeZone: "SetTimeZone",
  answerInvitation: "AnswerInvitation",
} as const;

export const AgentMethods = {
  setStatus: "SetStatus",
  getStatus: "GetStatus",
  acceptOffer: "AcceptOffer",
  declineOffer: "DeclineOffer",
  joinSession: "JoinSession",
  sendMessage: "SendMessage",
  getTranscript: "GetTranscript",
  typing: "Typing",
  wrapUp: "WrapUp",
  closeSession: "CloseSession",
  markRead: "MarkRead",
  addNote: "AddNote",
  getNotes: "GetNotes",
  getContext: "GetCustomerContext",
  getHistory: "GetCustomerHistory",
  getCannedResponses: "GetCannedResponses",
  watchSiteVisitors: "WatchSiteVisitors",
  unwatchSiteVisitors: "UnwatchSiteVisitors",
  inviteVisitor: "InviteVisitor",
  watchDashboard: "WatchDashboard",
  unwatchDashboard: "UnwatchDashboard",
} as const;

/** Calls: the same methods on both hubs (docs/protocol.md#calls-audio-and-video). */
export const CallMethods = {
  startCall: "StartCall",
  answerCall: "AnswerCall",
  callOffer: "CallOffer",
  updateCallMedia: "UpdateCallMedia",
  hangUp: "HangUp",
  getCall: "GetCall",
} as const;

export const Events = {
  message: "message",
  session: "session",
  queuePosition: "queuePosition",
  typing: "typing",
  offer: "offer",
  offerRevoked: "offerRevoked",
  agentStatus: "agentStatus",
  customerPresence: "customerPresence",
  customerContext: "customerContext",
  read: "read",
  note: "note",
  invitation: "invitation",
  directoryPresence: "directoryPresence",
  representative: "representative",
  siteVisitor: "siteVisitor",
  siteVisitorLeft: "siteVisitorLeft",
  visitorAlert: "visitorAlert",
  dashboard: "dashboard",
  call: "call",
  callTrack: "callTrack",
  /** The node is draining: move to a new connection (LiveConnection handles it). */
  reconnect: "reconnect",
} as const;
