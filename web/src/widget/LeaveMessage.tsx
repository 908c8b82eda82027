import { useRef } from "preact/hooks";
import type { VisitorClient } from "./visitor";
import type { LeaveField } from "./leaveRules";
import { SendIcon } from "../shared/icons";
import { CharCount } from "../shared/CharCount";
import { limits } from "../shared/limits";
import { PreChatFields } from "./PreChatFields";

/**
 * "Leave us a message", for when nobody can answer: a name (optional), an email address (required: the reply
 * reaches a visitor who has left the site by email) and the message. Checked as the server checks it before it is
 * sent; a problem is announced (role=alert), its field marked and focused, and nothing typed is lost. The draft
 * lives in the client, so it survives closing the widget. Opening the widget puts focus in its first field. When the
 * queue has a pre-chat form, its questions join these: the name is required if the form requires it, and its own
 * fields and consent box follow the email address (the answers are the start card's too).
 */
export function LeaveMessage({ client, onSent }: { client: VisitorClient; onSent?: () => void }) {
  const conversations = client.conversations;
  const { name, email, text } = conversations.draft;
  const problem = conversations.leaveProblem.value;
  const busy = conversations.leaving.value;
  const formElement = useRef<HTMLFormElement>(null);
  const preChat = client.preChat;
  const form = preChat.form.value;
  const nameRequired = form?.name === "required";

  async function submit(event?: Event) {
    event?.preventDefault();
    const open = await conversations.leaveMessage(client.config.queue,
      form ? { form, fields: preChat.fields.value, consent: preChat.consent.value } : undefined);
    if (open) onSent?.();
    const field = conversations.leaveProblem.value?.field;
    if (!open && field) formElement.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  }

  // The problem's words go under its field (or above the button when no field is to blame), and the field points at them.
  const alert = (field: LeaveField | null) => problem && problem.field === field && <p id="eng-leave-error" class="error" role="alert">{problem.text}</p>;
  const state = (field: LeaveField, described?: string) => ({
    "data-field": field,
    "aria-invalid": problem?.field === field || undefined,
    "aria-describedby": [described, problem?.field === field ? "eng-leave-error" : null].filter(Boolean).join(" ") || undefined,
  });

  return (
    <form ref={formElement} class="card leave" onSubmit={submit} noValidate aria-labelledby="eng-leave-title" data-testid="leave-message">
      <h3 id="eng-leave-title">Leave us a message</h3>
      <p class="leave-intro">We'll reply here, or by email if you've left by then.</p>
      <label class="field" for="eng-leave-name">
        Your name {nameRequired ? <><span class="required" aria-hidden="true">*</span><span class="sr-only">(required)</span></> : <span class="optional">(optional)</span>}
      </label>
      <input id="eng-leave-name" class="input" type="text" autocomplete="name" dir="auto" aria-required={nameRequired || undefined}
        value={name.value} data-autofocus {...state("name", "eng-leave-name-count")} onInput={(e) => (name.value = e.currentTarget.value)} />
      <CharCount id="eng-leave-name-count" text={name.value} max={limits.name} />
      {alert("name")}
      <label class="field" for="eng-leave-email">Email</label>
      <input id="eng-leave-email" class="input" type="email" autocomplete="email" inputMode="email"
        required aria-required="true" value={email.value} {...state("email")} onInput={(e) => (email.value = e.currentTarget.value)} />
      {alert("email")}
      <PreChatFields preChat={preChat} problem={problem} prefix="eng-leave-pc" />
      <label class="field" for="eng-leave-text">Your message</label>
      <textarea id="eng-leave-text" class="input" rows={3} dir="auto" required aria-required="true"
        value={text.value} {...state("text", "eng-leave-count")} onInput={(e) => (text.value = e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); void submit(); } }} />
      <CharCount id="eng-leave-count" text={text.value} max={limits.messageText} />
      {alert("text")}
      {alert(null)}
      <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
        <SendIcon size={16} /> {busy ? "Sending…" : "Send message"}
      </button>
    </form>
  );
}
