// What the front ends say about files: which ones are shown as images, sizes in words, and why one cannot be sent
// (docs/protocol.md, Attachments).
import type { AttachmentView } from "../protocol";
import { ServerError, describe, hubError } from "../errors";
import { limits } from "../limits";

/** The image types the server takes, and browsers show in an <img>: previewed; every other file is a chip. */
const imageTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const isImage = (contentType: string) => imageTypes.has(contentType.toLowerCase());

/** 48213 → "47 KB", 10485760 → "10 MB": binary units, as file managers count. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown.toLocaleString("en-US")} ${units[unit]}`;
}

const tooLarge = () => `That file is too large to send (at most ${humanSize(limits.attachmentBytes)}).`;

/** Why the browser will not upload a file, before asking the server (which checks the same); null when it may go. */
export function fileProblem(file: { size: number }): string | null {
  if (file.size === 0) return "That file is empty.";
  if (file.size > limits.attachmentBytes) return tooLarge();
  return null;
}

/** One more file than a message may carry. */
export const tooManyFiles = () => `At most ${limits.attachmentsPerMessage} files go with one message.`;

/** A refused or failed upload in words: the type the server found for a file it does not take, a size over the limit. */
export function uploadFailure(error: unknown): string {
  const parsed = hubError(error);
  const status = error instanceof ServerError ? error.status : undefined;
  if (parsed.code === "unsupported_media_type" || status === 415) {
    const found = /\b[a-z]+\/[a-z0-9][\w.+-]*/i.exec(parsed.message)?.[0];
    return found ? `That file type can't be sent (${found}).` : "That file type can't be sent.";
  }
  if (parsed.code === "too_large" || status === 413) return tooLarge();
  if (parsed.code === "not_found") return "Files can't be added to this conversation any more.";
  return describe(error);
}

/** A message's files as a short line (a list's last message, a notice): "📎 invoice.pdf", "📎 3 files". */
export function filesSummary(attachments: readonly AttachmentView[] | null | undefined): string {
  if (!attachments?.length) return "";
  return attachments.length === 1 ? `📎 ${attachments[0].fileName}` : `📎 ${attachments.length} files`;
}
