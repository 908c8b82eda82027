import type { Signal } from "@preact/signals";
import type { PreChatAsk, PreChatField } from "../shared/protocol";
import { CharCount } from "../shared/CharCount";
import { limits } from "../shared/limits";
import { consentKey, type FormProblem, type PreChat } from "./prechat";

/**
 * The questions of the queue's pre-chat form (docs/protocol.md, Pre-chat form), in its order: the name and email when
 * asked (unless the surrounding form has its own), each custom field, the consent box. Every field has its label,
 * says whether it is required (a mark, and aria-required) or optional, and carries `data-field` so the caller can
 * focus the one a problem names; the problem's words go under that field (role=alert) and the field points at them.
 */
export function PreChatFields({ preChat, name, email, problem, prefix, autoFocus }: {
  preChat: PreChat;
  /** The name and email to ask (the start card); left out where the surrounding form asks them itself. */
  name?: Signal<string>;
  email?: Signal<string>;
  problem: FormProblem | null;
  /** Ids of this instance's elements start with it (the start card and the leave form may both be shown). */
  prefix: string;
  /** Its first question takes the focus when the view opens (data-autofocus). */
  autoFocus?: boolean;
}) {
  const form = preChat.form.value;
  if (!form) return null;
  const errorId = `${prefix}-error`;
  const alert = (field: string) => problem?.field === field && <p id={errorId} class="error" role="alert">{problem.text}</p>;
  const fieldState = (field: string, required: boolean, described?: string) => ({
    "data-field": field,
    "aria-required": required || undefined,
    "aria-invalid": problem?.field === field || undefined,
    "aria-describedby": [described, problem?.field === field ? errorId : null].filter(Boolean).join(" ") || undefined,
  });
  const values = preChat.fields.value;
  const showName = !!name && form.name !== "hidden";
  const showEmail = !!email && form.email !== "hidden";
  const first = showName ? "name" : showEmail ? "email" : form.fields[0]?.key ?? consentKey;
  const state = (field: string, required: boolean, described?: string) => ({
    ...fieldState(field, required, described),
    "data-autofocus": (autoFocus && field === first) || undefined,
  });

  return (
    <div class="prechat" data-testid="prechat-form">
      {name && showName && (
        <>
          <Label id={`${prefix}-name`} text="Your name" ask={form.name} />
          <input id={`${prefix}-name`} class="input" type="text" autocomplete="name" dir="auto" value={name.value}
            {...state("name", form.name === "required", `${prefix}-name-count`)} onInput={(e) => { name.value = e.currentTarget.value; preChat.changed("name"); }} />
          <CharCount id={`${prefix}-name-count`} text={name.value} max={limits.name} />
          {alert("name")}
        </>
      )}
      {email && showEmail && (
        <>
          <Label id={`${prefix}-email`} text="Email" ask={form.email} />
          <input id={`${prefix}-email`} class="input" type="email" autocomplete="email" inputMode="email" value={email.value}
            {...state("email", form.email === "required")} onInput={(e) => { email.value = e.currentTarget.value; preChat.changed("email"); }} />
          {alert("email")}
        </>
      )}
      {form.fields.map((field) => (
        <FieldInput key={field.key} field={field} id={`${prefix}-f-${field.key}`} value={values[field.key] ?? ""}
          state={state(field.key, field.required)} onChange={(value) => preChat.setField(field.key, value)} alert={alert(field.key)} />
      ))}
      {form.consent && (
        <>
          <label class="consent" for={`${prefix}-consent`}>
            <input id={`${prefix}-consent`} type="checkbox" checked={preChat.consent.value}
              {...state(consentKey, form.consent.required)} onChange={(e) => preChat.setConsent(e.currentTarget.checked)} />
            <span dir="auto">{form.consent.text}{form.consent.required && <Required />}</span>
          </label>
          {alert(consentKey)}
        </>
      )}
    </div>
  );
}

function FieldInput({ field, id, value, state, onChange, alert }: {
  field: PreChatField; id: string; value: string; state: Record<string, unknown>; onChange: (value: string) => void; alert: unknown;
}) {
  return (
    <>
      <Label id={id} text={field.label} ask={field.required ? "required" : "optional"} />
      {field.kind === "select" ? (
        <select id={id} class="input" value={value} {...state} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      ) : field.kind === "email" ? (
        <input id={id} class="input" type="email" inputMode="email" autocomplete="email" value={value} {...state} onInput={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <input id={id} class="input" type="text" dir="auto" inputMode={field.kind === "number" ? "decimal" : "text"} autocomplete="off" value={value}
          {...state} onInput={(e) => onChange(e.currentTarget.value)} />
      )}
      {alert}
    </>
  );
}

function Label({ id, text, ask }: { id: string; text: string; ask: PreChatAsk }) {
  return (
    <label class="field" for={id}>
      <span dir="auto">{text}</span>{ask === "required" ? <Required /> : <span class="optional"> (optional)</span>}
    </label>
  );
}

/** The required mark: a star to see, words to hear. */
function Required() {
  return <><span class="required" aria-hidden="true"> *</span><span class="sr-only"> (required)</span></>;
}
