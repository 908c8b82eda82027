import type { AttachmentLink } from "../protocol";

/** How long before its `expiresAt` a link is renewed (at most; a quarter of its life for a short one). */
const renewAheadMs = 30_000;
/** A link is used at least this long before it is renewed again, whatever the clocks say (against a loop when the browser's clock runs ahead of the server's). */
const minimumUseMs = 5_000;
/** After a renewal failed (the network is down), when to try again while the link is still shown. */
const retryMs = 10_000;

type Listener = (link: AttachmentLink) => void;

interface Entry {
  link: AttachmentLink | null;
  /** When the link stops being handed out (ms): `renewAheadMs` before it expires. */
  staleAt: number;
  reading: Promise<AttachmentLink> | null;
  listeners: Set<Listener>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Signed links to files (docs/protocol.md, Attachments: GET /api/attachments/{id} → AttachmentLink, a URL that works for
 * a few minutes). A link is handed out only while it has a while left, never past its `expiresAt`; a link being shown
 * (`watch`) is renewed shortly before it expires, so a download started later still works. Reads of one file are shared.
 */
export class AttachmentLinks {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly read: (attachmentId: string) => Promise<AttachmentLink>, private readonly now: () => number = Date.now) {}

  /** A link with a while left: the one held, else a new one. */
  get(attachmentId: string): Promise<AttachmentLink> {
    const entry = this.entry(attachmentId);
    if (entry.link && this.now() < entry.staleAt) return Promise.resolve(entry.link);
    return this.renew(attachmentId, entry);
  }

  /**
   * Calls `onLink` with a link now (as soon as one is read) and with each renewal, made shortly before the link
   * expires, for as long as the file is shown. Returns the function that stops watching.
   */
  watch(attachmentId: string, onLink: Listener): () => void {
    const entry = this.entry(attachmentId);
    entry.listeners.add(onLink);
    if (entry.link && this.now() < entry.staleAt) {
      onLink(entry.link);
      if (!entry.timer && !entry.reading) this.schedule(attachmentId, entry, entry.staleAt - this.now());
    } else {
      // The read tells every listener, this one included.
      this.renew(attachmentId, entry).catch(() => this.schedule(attachmentId, entry, retryMs));
    }
    return () => {
      entry.listeners.delete(onLink);
      if (entry.listeners.size > 0) return;
      // Nobody shows it now: no more renewals. The link is kept for as long as `get` may hand it out.
      clearTimeout(entry.timer);
      entry.timer = undefined;
    };
  }

  /** The link failed before its time (the server answered 403: its secret changed, say): a new one for everyone watching. */
  refresh(attachmentId: string): Promise<AttachmentLink> {
    const entry = this.entry(attachmentId);
    entry.link = null;
    return this.renew(attachmentId, entry);
  }

  private entry(attachmentId: string): Entry {
    let entry = this.entries.get(attachmentId);
    if (!entry) {
      // Links held for nobody that may not be handed out any more are forgotten: the map holds what is shown, and what is fresh.
      for (const [id, other] of this.entries) {
        if (other.listeners.size === 0 && !other.reading && other.staleAt <= this.now()) this.entries.delete(id);
      }
      entry = { link: null, staleAt: 0, reading: null, listeners: new Set(), timer: undefined };
      this.entries.set(attachmentId, entry);
    }
    return entry;
  }

  private renew(attachmentId: string, entry: Entry): Promise<AttachmentLink> {
    if (entry.reading) return entry.reading;
    const asked = this.now();
    const reading = this.read(attachmentId).then((link) => {
      const life = Math.max(0, Date.parse(link.expiresAt) - asked);
      entry.link = link;
      entry.staleAt = asked + Math.max(life - Math.min(renewAheadMs, life / 4), Math.min(minimumUseMs, life));
      for (const listener of entry.listeners) listener(link);
      this.schedule(attachmentId, entry, entry.staleAt - this.now());
      return link;
    }).finally(() => {
      entry.reading = null;
    });
    entry.reading = reading;
    return reading;
  }

  /** While someone watches, the next renewal. */
  private schedule(attachmentId: string, entry: Entry, inMs: number) {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.listeners.size === 0) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.renew(attachmentId, entry).catch(() => this.schedule(attachmentId, entry, retryMs));
    }, Math.max(minimumUseMs, inMs));
  }
}
