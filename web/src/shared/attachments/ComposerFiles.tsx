import { useEffect, useRef, useState } from "preact/hooks";
import type { PendingFile, PendingFiles } from "./pending";
import { humanSize, isImage } from "./files";
import { CloseIcon, FileIcon, PaperclipIcon } from "../icons";

/** The paperclip: a button (in the tab order, named for screen readers) that opens the browser's file chooser, several files at once. */
export function AttachButton({ files, disabled }: { files: PendingFiles; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button class="composer-attach" type="button" aria-label="Attach files" title="Attach files" disabled={disabled}
        onClick={() => input.current?.click()}>
        <PaperclipIcon size={18} />
      </button>
      <input ref={input} type="file" multiple hidden tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          const chosen = e.currentTarget.files;
          if (chosen?.length) files.add([...chosen]);
          e.currentTarget.value = ""; // the same file may be chosen again after it was removed
        }} />
    </>
  );
}

/** The files chosen for the next message: each with its size, its upload's progress or why it was refused, and a remove button. */
export function PendingFileList({ files }: { files: PendingFiles }) {
  const items = files.items.value;
  if (items.length === 0) return null;
  return (
    <ul class="att-pending" aria-label="Files to send">
      {items.map((f) => <PendingItem key={f.key} item={f} onRemove={() => files.remove(f.key)} />)}
    </ul>
  );
}

function PendingItem({ item: f, onRemove }: { item: PendingFile; onRemove: () => void }) {
  const name = f.view?.fileName ?? f.file.name;
  return (
    <li class="att-pending-item" data-state={f.state}>
      {isImage(f.file.type) ? <LocalThumbnail file={f.file} /> : <span class="att-pending-icon" aria-hidden="true"><FileIcon size={18} /></span>}
      <span class="att-pending-text">
        <span class="att-name" dir="auto">{name}</span>
        {f.state === "failed"
          ? <span class="att-error" role="alert">{f.error}</span>
          : <span class="att-size">{humanSize(f.file.size)}{f.state === "ready" ? " · ready" : ""}</span>}
        {f.state === "uploading" && <progress class="att-progress" max={1} value={f.progress} aria-label={`Uploading ${name}`} />}
      </span>
      <button class="att-remove" type="button" aria-label={`Remove ${name}`} title="Remove" onClick={onRemove}>
        <CloseIcon size={14} />
      </button>
    </li>
  );
}

/** A picked image, shown from the browser's own copy while it uploads. */
function LocalThumbnail({ file }: { file: File }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  // A file named like an image that is none (the server will say so) shows the plain file icon.
  return url ? <img class="att-pending-thumb" src={url} alt="" onError={() => setUrl(null)} />
    : <span class="att-pending-icon" aria-hidden="true"><FileIcon size={18} /></span>;
}
