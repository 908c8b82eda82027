import { useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { AttachmentView, CannedResponse } from "../shared/protocol";
import type { PendingFiles } from "../shared/attachments/pending";
import { Composer } from "../shared/Composer";

/**
 * The agent's composer with canned responses: typing "/" and a shortcut (e.g. "/refund") lists the
 * matches; ↑/↓ choose, Enter or Tab inserts, Esc dismisses. `files`: the files for the next message, when it takes them.
 */
export function CannedComposer({ workspace, onSend, onTyping, inputRef, files }: {
  workspace: Workspace; onSend: (text: string, attachments: AttachmentView[]) => void; onTyping: (typing: boolean) => void;
  inputRef: { current: HTMLTextAreaElement | null }; files?: PendingFiles | null;
}) {
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const query = /^\/([\w-]*)$/.exec(text)?.[1];
  const matches = query === undefined || dismissed === text ? [] : workspace.canned.value
    .filter((c) => c.shortcut.replace(/^\//, "").toLowerCase().startsWith(query.toLowerCase()) || c.title.toLowerCase().includes(query.toLowerCase()))
    .slice(0, 6);

  function insert(response: CannedResponse) {
    setText(response.text);
    onTyping(true);
    requestAnimationFrame(() => {
      const el = inputRef.current;
      if (el) { el.focus(); el.setSelectionRange(el.value.length, el.value.length); }
    });
  }

  return (
    <Composer placeholder="Reply… (type / for canned responses)" value={text} setValue={(v) => { setText(v); setActive(0); }} inputRef={inputRef}
      onSend={onSend} onTyping={onTyping} label="Reply" files={files}
      onKeyDown={(e) => {
        if (!matches.length) return false;
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          setActive((active + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
          return true;
        }
        if (e.key === "Enter" || e.key === "Tab") {
          e.preventDefault();
          insert(matches[Math.min(active, matches.length - 1)]);
          return true;
        }
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          setDismissed(text);
          return true;
        }
        return false;
      }}>
      {matches.length > 0 && (
        <ul class="canned" role="listbox" aria-label="Canned responses">
          {matches.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === active} class={i === active ? "active" : ""}
              onMouseDown={(e) => { e.preventDefault(); insert(c); }}>
              <span class="mono">/{c.shortcut.replace(/^\//, "")}</span>
              <strong>{c.title}</strong>
              <span class="canned-text">{c.text}</span>
            </li>
          ))}
        </ul>
      )}
    </Composer>
  );
}
