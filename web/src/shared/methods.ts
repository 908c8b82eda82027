// Hub method names in one place (docs/protocol.md). Event names and payloads are generated from the C#
// contracts into ./protocol.ts (Events, EventPayloads).

export const VisitorMethods = {
  startSession: "StartSession",
  joinSession: "JoinSession",
  sendMessage: "SendMessage",
  sendAttachments: "SendAttachments",
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
  leaveMessage: "LeaveMessage",
  getConversations: "GetConversations",
  getConversation: "GetConversation",
  sendConversationMessage: "SendConversationMessage",
  sendConversationAttachments: "SendConversationAttachments",
} as const;

export const AgentMethods = {
  setStatus: "SetStatus",
  getStatus: "GetStatus",
  acceptOffer: "AcceptOffer",
  declineOffer: "DeclineOffer",
  joinSession: "JoinSession",
  sendMessage: "SendMessage",
  sendAttachments: "SendAttachments",
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
  watchInbox: "WatchInbox",
  unwatchInbox: "UnwatchInbox",
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
