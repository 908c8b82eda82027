// Uploading a file (docs/protocol.md, Attachments: POST /api/attachments?scope=, multipart field `file`) with the token
// and error shapes of the other REST calls (../http.ts). XMLHttpRequest rather than fetch: fetch reports no upload
// progress, and a 10 MB file on a slow line needs its progress bar.
import type { AttachmentView } from "../protocol";
import { problemError, unreachable } from "../http";
import { ServerError } from "../errors";

/** How far an upload has come, 0 to 1. */
export type Progress = (fraction: number) => void;

/** Sends one file into a session (`s_…`) or conversation (`c_…`): the server's AttachmentView, its sniffed type with it. */
export function uploadFile(base: string, scope: string, file: File, token: string | null, onProgress?: Progress, signal?: AbortSignal): Promise<AttachmentView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}/api/attachments?scope=${encodeURIComponent(scope)}`);
    xhr.setRequestHeader("Accept", "application/json");
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as AttachmentView);
        } catch {
          reject(new ServerError("error", "The upload's answer could not be read.", xhr.status));
        }
      } else {
        reject(problemError(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(unreachable());
    xhr.onabort = () => reject(new ServerError("cancelled", "The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append("file", file, file.name);
    xhr.send(body);
  });
}
