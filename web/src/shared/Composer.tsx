import { useId, useRef, useState } from "preact/hooks";
import type { TargetedKeyboardEvent } from "preact";
import type { JSX } from "preact";
import type { AttachmentView } from "./protocol";
import type { PendingFiles } from "./attachments/pending";
import { AttachButton, PendingFileList } from "./attachments/ComposerFiles";
import { SendIcon } from "./icons";
import { CharCount } from "./CharCount";
import { lengthStatus, limits } from "./limits";

/**
 * The message box: Enter sends, Shift+Enter starts a new line; grows with its text. Near the message limit a
 * counter shows what is left; a text over it stays as typed and is not sent until shortened. `onKeyDown` lets
 * the workspace add canned-response shortcuts; `children` add controls above the box. The box is the view's
 * `data-autofocus` target (the widget puts focus there when the chat starts).
 *
 * With `files` (the session's or conversation's files for the next message) it takes files too: the paperclip, a
 * paste, or a drop anywhere on it adds them, they upload at once and are listed above the box; the message goes once
 * they are uploaded, with or without text.
 */
export function Composer({ disabled, placeholder, onSend, onTyping, onKeyDown, value, setValue, inputRef, children, label = "Message", files }: {
  disabled?: boolean; placeholder: string; onSend: (text: string, attachments: AttachmentView[]) => void; onTyping: (typing: boolean) => void;
  onKeyDown?: (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => boolean;
  value?: string; setValue?: (value: string) => void; inputRef?: { current: HTMLTextAreaElement | null };
  children?: JSX.Element | JSX.Element[] | null | false; label?: string; files?: PendingFiles | null;
}) {
  const [own, setOwn] = useState("");
  const [dropping, setDropping] = useState(false);
  const text = value ?? own;
  const set = setValue ?? setOwn;
  const localRef = useRef<HTMLTextAreaElement>(null);
  const ref = inputRef ?? localRef;
  const countId = useId();
  const { over } = lengthStatus(text, limits.messageText);
  const uploading = files?.uploading.value ?? false;
  const ready = files?.ready.value.length ?? 0;
  const canSend = !disabled && !over && !uploading && (text.trim().length > 0 || ready > 0);

  function submit() {
    if (!canSend) return;
    onSend(text.trim(), files ? files.take() : []);
    set("");
    onTyping(false);
    if (ref.current) ref.current.style.height = "";
  }

  const carriesFiles = (e: DragEvent) => !!files && !disabled && !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");

  return (
    <form class={`composer${dropping ? " composer-dropping" : ""}`} onSubmit={(e) => { e.preventDefault(); submit(); }}
      onDragOver={(e) => { if (carriesFiles(e)) { e.preventDefault(); setDropping(true); } }}
      onDragLeave={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false); }}
      onDrop={(e) => {
        setDropping(false);
        if (!carriesFiles(e) || !e.dataTransfer?.files.length) return;
        e.preventDefault();
        files!.add([...e.dataTransfer.files]);
      }}>
      {children}
      {files && <PendingFileList files={files} />}
      <div class="composer-row">
        {files && <AttachButton files={files} disabled={disabled} />}
        <textarea ref={ref} class="composer-input" rows={1} value={text} placeholder={placeholder} aria-label={label} dir="auto"
          disabled={disabled} aria-describedby={countId} aria-invalid={over || undefined} data-autofocus
          onInput={(e) => {
            const el = e.currentTarget;
            set(el.value);
            onTyping(el.value.trim().length > 0);
            el.style.height = "";
            el.style.height = `${Math.min(el.scrollHeight, 140)}px`;
          }}
          onPaste={(e) => {
            const pasted = e.clipboardData?.files;
            if (!files || disabled || !pasted?.length) return;
            files.add([...pasted]);
            // A copied image comes with no text; a copied document part may carry both: its text is pasted as usual.
            if (!e.clipboardData?.getData("text/plain")) e.preventDefault();
          }}
          onKeyDown={(e) => {
            if (onKeyDown?.(e)) return;
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }} />
        <button class="composer-send" type="submit" aria-label="Send message" disabled={!canSend}
          title={uploading ? "Waiting for the files to upload" : undefined}>
          <SendIcon size={18} />
        </button>
      </div>
      <CharCount id={countId} text={text} max={limits.messageText} />
    </form>
  );
}
