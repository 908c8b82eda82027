// How the shared inbox names things on screen.
import type { ConversationStatus, ConversationView } from "../shared/protocol";
import { shortId } from "./sessionEntry";

export const channelNames: Record<string, string> = { web: "Web chat", email: "Email", api: "API" };

export const statusNames: Record<ConversationStatus, string> = { open: "Open", pending: "Pending", snoozed: "Snoozed", resolved: "Resolved" };

/** The contact as well as the conversation knows them: name, else email, else a short handle of their id. */
export function contactName(c: ConversationView): string {
  return c.contactName || c.contactEmail || `Visitor ${shortId(c.contactId)}`;
}
