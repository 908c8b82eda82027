import { signal } from "@preact/signals";
import type { PreChatField, PreChatForm, QueueForm } from "../shared/protocol";
import { hubError } from "../shared/errors";
import { emailProblem } from "../shared/email";
import { lengthStatus, limits } from "../shared/limits";

// The queue's pre-chat form in the widget (docs/protocol.md, Pre-chat form): what it asks, the visitor's answers, and
// the browser's check of them, the same rules the server applies (grain-interfaces/Queues/PreChatAnswers.cs), so a
// problem is shown at once, at its field; the server's refusal, naming the field, is shown the same way.

/** The visitor's answers as typed: the name and email (shared with the leave-a-message form), each field's, the consent box. */
export interface PreChatDraft { name: string; email: string; fields: Readonly<Record<string, string>>; consent: boolean }

/** Why the answers cannot go yet, in words, and the field to fix: "name", "email", a field's key, "consent"; null: none. */
export interface FormProblem { field: string | null; text: string }

/** The answer key of the consent box (docs/protocol.md: "true" when ticked). */
export const consentKey = "consent";

// A number as the server reads one (invariant culture, an optional exponent): 42, -3.5, .5, 1e3.
const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What a field is called in a sentence. */
const called = (field: PreChatField) => `“${field.label}”`;

/**
 * The first problem with the answers, in the order the form shows its fields; null when they may be sent.
 * `emailRequired`: a left message needs an address whatever the form says.
 */
export function checkPreChat(form: PreChatForm | null, draft: PreChatDraft, emailRequired = false): FormProblem | null {
  const name = draft.name.trim();
  if (form?.name === "required" && !name) return { field: "name", text: "Enter your name." };
  if (lengthStatus(name, limits.name).over) return { field: "name", text: `Shorten your name to ${limits.name} characters.` };
  const email = draft.email.trim();
  if (emailRequired || form?.email === "required" || (form?.email === "optional" && email)) {
    const problem = emailProblem(email);
    if (problem) return { field: "email", text: problem };
  }
  for (const field of form?.fields ?? []) {
    const value = (draft.fields[field.key] ?? "").trim();
    const problem = fieldProblem(field, value);
    if (problem) return { field: field.key, text: problem };
  }
  if (form?.consent?.required && !draft.consent) return { field: consentKey, text: "Please tick the box to agree before we go on." };
  return null;
}

function fieldProblem(field: PreChatField, value: string): string | null {
  if (!value) return field.required ? (field.kind === "select" ? `Choose ${called(field)}.` : `Fill in ${called(field)}.`) : null;
  switch (field.kind) {
    case "email": {
      const problem = emailProblem(value);
      return problem && `${called(field)}: ${problem}`;
    }
    case "number":
      return number.test(value) && Number.isFinite(Number(value)) ? null : `${called(field)} must be a number, such as 42.`;
    case "select":
      return field.options.includes(value) ? null : `Choose ${called(field)} from the list.`;
    default:
      return lengthStatus(value, limits.attributeValue).over ? `Shorten ${called(field)} to ${limits.attributeValue.toLocaleString("en-US")} characters.` : null;
  }
}

/**
 * The answers as StartSession sends them: what the form asks and the visitor gave, trimmed. With `withIdentity`
 * false (LeaveMessage, which has its own name and email) only the fields and the consent.
 */
export function formAnswers(form: PreChatForm, draft: PreChatDraft, withIdentity = true): Record<string, string> {
  const answers: Record<string, string> = {};
  const name = draft.name.trim();
  const email = draft.email.trim();
  if (withIdentity && form.name !== "hidden" && name) answers.name = name;
  if (withIdentity && form.email !== "hidden" && email) answers.email = email;
  for (const field of form.fields) {
    const value = (draft.fields[field.key] ?? "").trim();
    if (value) answers[field.key] = value;
  }
  if (form.consent) answers[consentKey] = draft.consent ? "true" : "false";
  return answers;
}

/** The server refused an answer (`invalid: form.plan must be one of: …`): its field, or null when the refusal is not the form's. */
export function formFailure(error: unknown): FormProblem | null {
  const { code, message } = hubError(error);
  const match = /^form\.([A-Za-z0-9_-]+)\b/.exec(message);
  if (!match || (code !== "invalid" && code !== "too_large")) return null;
  return { field: match[1], text: `Please check this answer: ${message.slice(match[0].length).trim()}` };
}

/**
 * The site's queue's form, read over REST on every (re)connect and again when the server refuses an answer (the form
 * may have changed meanwhile), and the visitor's answers to its own fields. Null until it is known, or when the
 * queue asks nothing: the chat then starts as ever.
 */
export class PreChat {
  readonly form = signal<PreChatForm | null>(null);
  readonly fields = signal<Readonly<Record<string, string>>>({});
  readonly consent = signal(false);
  /** The problem shown in the start card (the leave-a-message form has its own). */
  readonly problem = signal<FormProblem | null>(null);

  constructor(private readonly read: () => Promise<QueueForm>) {}

  async refresh(): Promise<void> {
    try {
      this.form.value = (await this.read()).form;
    } catch {
      // Not served here, or not now: what was known stays (a refusal by the server will name the field).
    }
  }

  setField(key: string, value: string) {
    this.fields.value = { ...this.fields.value, [key]: value };
    this.changed(key);
  }

  setConsent(given: boolean) {
    this.consent.value = given;
    this.changed(consentKey);
  }

  /** The visitor changed the field the problem named: it is no longer shown (the next try checks again). */
  changed(field: string) {
    if (this.problem.value?.field === field) this.problem.value = null;
  }
}
