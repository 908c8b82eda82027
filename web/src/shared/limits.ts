// Text lengths the server enforces (docs/protocol.md#limits), counted the way it counts them: UTF-16 code units
// (JavaScript's string length) of the trimmed text; and the attachments' sizes and counts. The front ends never cut text at a limit: they show how much
// is left as it nears, and refuse to send what is over.

export const limits = {
  messageText: 4_000,
  topic: 200,
  ratingComment: 1_000,
  note: 4_000,
  invitation: 500,
  /** A person's name as they give it (the name left with a message). */
  name: 100,
  email: 254,
  /** An attribute's value: an answer to a pre-chat form's field (docs/protocol.md, Pre-chat form). */
  attributeValue: 1_000,
  /** A conversation's labels, and each label's length (docs/protocol.md, Conversations). */
  labels: 20,
  label: 32,
  /** The reason an agent gives with away (SetAway). */
  awayReason: 100,
  /** A full-text search's words (`q`). */
  searchText: 200,
  /** Conversations one inbox page lists, and hits one search returns. */
  inboxPage: 100,
  /** A file's size in bytes, files on one message, a file name's length (docs/protocol.md, Attachments). */
  attachmentBytes: 10_485_760,
  attachmentsPerMessage: 10,
  attachmentFileName: 255,
  /** Agents in one session: the assigned agent, colleagues in it and invites under way (docs/protocol.md, Agent hub: conference). */
  sessionAgents: 4,
} as const;

/** How a text stands against its limit: the counter shows from 90 % of it; over the limit nothing is sent. */
export function lengthStatus(text: string, max: number): { length: number; over: boolean; show: boolean; left: number } {
  const length = text.trim().length;
  return { length, over: length > max, show: length >= max * 0.9, left: max - length };
}
