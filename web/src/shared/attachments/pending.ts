import { computed, signal } from "@preact/signals";
import type { AttachmentView } from "../protocol";
import type { Progress } from "./upload";
import { fileProblem, tooManyFiles, uploadFailure } from "./files";
import { limits } from "../limits";

/** A file chosen for the next message: uploading (with how far it got), uploaded (`view`, the server's), or refused (`error`, in words). */
export interface PendingFile {
  readonly key: string;
  readonly file: File;
  readonly state: "uploading" | "ready" | "failed";
  /** 0 to 1, while uploading. */
  readonly progress: number;
  readonly error?: string;
  readonly view?: AttachmentView;
}

/** Uploads one file into the composer's session or conversation. */
export type Uploader = (file: File, onProgress: Progress, signal: AbortSignal) => Promise<AttachmentView>;

/**
 * The files waiting to go with the next message of one session or conversation (docs/protocol.md, Attachments): each is
 * uploaded as soon as it is added (checked first as the server checks it), so sending only names them. A file the
 * server refused stays listed with the reason until removed; removing one still uploading cancels it. `take` hands the
 * uploaded ones to a send and leaves the rest.
 */
export class PendingFiles {
  readonly items = signal<readonly PendingFile[]>([]);
  readonly uploading = computed(() => this.items.value.some((f) => f.state === "uploading"));
  readonly ready = computed(() => this.items.value.filter((f) => f.state === "ready").map((f) => f.view!));
  private readonly uploads = new Map<string, AbortController>();
  private next = 0;

  constructor(private readonly upload: Uploader) {}

  /** Files picked, pasted or dropped: at most `limits.attachmentsPerMessage` go with one message, the others are refused. */
  add(files: Iterable<File>) {
    for (const file of files) {
      const key = `f${++this.next}`;
      const taken = this.items.value.filter((f) => f.state !== "failed").length;
      const problem = taken >= limits.attachmentsPerMessage ? tooManyFiles() : fileProblem(file);
      if (problem) {
        this.items.value = [...this.items.value, { key, file, state: "failed", progress: 0, error: problem }];
        continue;
      }
      this.items.value = [...this.items.value, { key, file, state: "uploading", progress: 0 }];
      void this.start(key, file);
    }
  }

  remove(key: string) {
    this.uploads.get(key)?.abort();
    this.uploads.delete(key);
    this.items.value = this.items.value.filter((f) => f.key !== key);
  }

  /** The uploaded files, for the message being sent: they leave the list; those refused stay, with their reason. */
  take(): AttachmentView[] {
    const ready = this.ready.value;
    this.items.value = this.items.value.filter((f) => f.state !== "ready");
    return ready;
  }

  /** No longer shown: uploads on their way are cancelled. */
  dispose() {
    for (const upload of this.uploads.values()) upload.abort();
    this.uploads.clear();
  }

  private async start(key: string, file: File) {
    const abort = new AbortController();
    this.uploads.set(key, abort);
    try {
      const view = await this.upload(file, (progress) => this.update(key, { progress }), abort.signal);
      this.update(key, { state: "ready", progress: 1, view });
    } catch (error) {
      this.update(key, { state: "failed", error: uploadFailure(error) });
    } finally {
      if (this.uploads.get(key) === abort) this.uploads.delete(key);
    }
  }

  /** Changes a file still listed (one removed meanwhile stays removed). */
  private update(key: string, change: Partial<PendingFile>) {
    this.items.value = this.items.value.map((f) => (f.key === key ? { ...f, ...change } : f));
  }
}
