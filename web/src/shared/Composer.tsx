import { useId, useRef, useState } from "preact/hooks";
import type { TargetedKeyboardEvent } from "preact";
import type { JSX } from "preact";
import { SendIcon } from "./icons";
import { CharCount } from "./CharCount";
import { lengthStatus, limits } from "./limits";

/**
 * The message box: Enter sends, Shift+Enter starts a new line; grows with its text. Near the message limit a
 * counter shows what is left; a text over it stays as typed and is not sent until shortened. `onKeyDown` lets
 * the workspace add canned-response shortcuts; `children` add controls above the box. The box is the view's
 * `data-autofocus` target (the widget puts focus there when the chat starts).
 */
export function Composer({ disabled, placeholder, onSend, onTyping, onKeyDown, value, setValue, inputRef, children, label = "Message" }: {
  disabled?: boolean; placeholder: string; onSend: (text: string) => void; onTyping: (typing: boolean) => void;
  onKeyDown?: (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => boolean;
  value?: string; setValue?: (value: string) => void; inputRef?: { current: HTMLTextAreaElement | null };
  children?: JSX.Element | JSX.Element[] | null | false; label?: string;
}) {
  const [own, setOwn] = useState("");
  const text = value ?? own;
  const set = setValue ?? setOwn;
  const localRef = useRef<HTMLTextAreaElement>(null);
  const ref = inputRef ?? localRef;
  const countId = useId();
  const { over } = lengthStatus(text, limits.messageText);

  function submit() {
    const trimmed = text.trim();
    if (!trimmed || disabled || over) return;
    onSend(trimmed);
    set("");
    onTyping(false);
    if (ref.current) ref.current.style.height = "";
  }

  return (
    <form class="composer" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {children}
      <div class="composer-row">
        <textarea ref={ref} class="composer-input" rows={1} value={text} placeholder={placeholder} aria-label={label} dir="auto"
          disabled={disabled} aria-describedby={countId} aria-invalid={over || undefined} data-autofocus
          onInput={(e) => {
            const el = e.currentTarget;
            set(el.value);
            onTyping(el.value.trim().length > 0);
            el.style.height = "";
            el.style.height = `${Math.min(el.scrollHeight, 140)}px`;
          }}
          onKeyDown={(e) => {
            if (onKeyDown?.(e)) return;
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }} />
        <button class="composer-send" type="submit" aria-label="Send message" disabled={disabled || !text.trim() || over}>
          <SendIcon size={18} />
        </button>
      </div>
      <CharCount id={countId} text={text} max={limits.messageText} />
    </form>
  );
}
