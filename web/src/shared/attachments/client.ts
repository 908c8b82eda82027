import type { AttachmentLink } from "../protocol";
import { requestJson } from "../http";
import { withRetries } from "../retry";
import { AttachmentLinks } from "./links";
import { PendingFiles } from "./pending";
import { uploadFile } from "./upload";

/** The caller's token for a REST call (the widget's is renewed when it nears its end; the workspace's is the sign-in's). */
export type TokenSource = () => Promise<string | null> | string | null;

/**
 * Files over REST for one front end (docs/protocol.md, Attachments): signed links to read them (`links`, shared by every
 * transcript the page shows) and, per session or conversation, the files waiting to go with the next message. `base`
 * is the server ("" for the page's own; the widget's may be another origin): the links' paths are made to point there.
 */
export class Attachments {
  readonly links: AttachmentLinks;

  constructor(private readonly base: string, private readonly token: TokenSource) {
    // A link is safe to ask for again: retried while the failure is transient.
    this.links = new AttachmentLinks((attachmentId) => withRetries(async () => {
      const link = await requestJson<AttachmentLink>(base, "GET", `/api/attachments/${encodeURIComponent(attachmentId)}`, await token());
      return { ...link, url: link.url.startsWith("/") ? base + link.url : link.url };
    }));
  }

  /** The files for the next message into `scope` (a session `s_…` or a conversation `c_…`): uploaded there as they are added. */
  pending(scope: string): PendingFiles {
    return new PendingFiles(async (file, onProgress, signal) => uploadFile(this.base, scope, file, await this.token(), onProgress, signal));
  }
}
