import type { PreChatForm } from "../shared/protocol";
import { hubError, isTransient } from "../shared/errors";
import { lengthStatus, limits } from "../shared/limits";
import { emailProblem } from "../shared/email";
import { checkPreChat, formFailure } from "./prechat";

// Leaving a message when nobody can answer (docs/protocol.md, Conversations): the browser's checks of the form, and a
// refusal in words, each with the field to fix.

export type LeaveField = "name" | "email" | "text";
/**
 * Why a message could not be left, in words, and the field to fix: a LeaveField, or a question of the queue's pre-chat
 * form (its key, or "consent"); null: nothing to fix, try again.
 */
export interface LeaveProblem { field: string | null; text: string }
/** The queue's pre-chat form and the visitor's answers to its own fields, when the queue has one. */
export interface LeaveForm { form: PreChatForm; fields: Readonly<Record<string, string>>; consent: boolean }
export interface LeaveDraft { name: string; email: string; text: string }

/** The browser's checks, the server's rules (docs/protocol.md, Conversations, Pre-chat form and Limits). */
export function checkLeaveMessage(draft: LeaveDraft, preChat?: LeaveForm): LeaveProblem | null {
  if (preChat) {
    const problem = checkPreChat(preChat.form, { name: draft.name, email: draft.email, fields: preChat.fields, consent: preChat.consent }, true);
    if (problem) return problem;
  }
  if (lengthStatus(draft.name, limits.name).over) return { field: "name", text: `Shorten your name to ${limits.name} characters.` };
  const email = emailProblem(draft.email);
  if (email) return { field: "email", text: email };
  if (!draft.text.trim()) return { field: "text", text: "Write your message." };
  if (lengthStatus(draft.text, limits.messageText).over) return { field: "text", text: `Shorten your message to ${limits.messageText.toLocaleString("en-US")} characters.` };
  return null;
}

/** A refused or failed LeaveMessage in words (the server's message names the field of an `invalid`). */
export function leaveFailure(error: unknown): LeaveProblem {
  const refused = formFailure(error);
  if (refused) return refused;
  const { code, message } = hubError(error);
  if (code === "invalid" || code === "too_large") {
    const field = /^(name|email|text)\b/.exec(message)?.[1] as LeaveField | undefined;
    if (field === "email") return { field, text: "Enter your email address as name@example.com." };
    return { field: field ?? null, text: `Please check what you wrote: ${message}` };
  }
  if (code === "not_found") return { field: null, text: "We can't take messages for this team here. Please reach us another way." };
  if (isTransient(error)) return { field: null, text: "We couldn't send your message just now. It's still here: please try again in a moment." };
  return { field: null, text: message };
}
