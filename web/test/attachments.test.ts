import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AttachmentLinks } from "../src/shared/attachments/links";
import { PendingFiles, type Uploader } from "../src/shared/attachments/pending";
import { filesSummary, humanSize, isImage, uploadFailure } from "../src/shared/attachments/files";
import { problemError } from "../src/shared/http";
import { Thread } from "../src/shared/thread";
import { limits } from "../src/shared/limits";
import type { AttachmentLink, AttachmentView, MessageAck } from "../src/shared/protocol";
import { Deferred, FakeHub, message, sessionId } from "./fakes";

const minute = 60_000;
const view = (attachmentId: string, fileName = "photo.png", contentType = "image/png", size = 2048): AttachmentView =>
  ({ attachmentId, fileName, contentType, size });

describe("signed links", () => {
  // The server's links last 5 minutes (docs/protocol.md, Attachments).
  let reads: { id: string; at: number }[];
  let links: AttachmentLinks;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 4, 10, 0) });
    reads = [];
    links = new AttachmentLinks(async (id) => {
      reads.push({ id, at: Date.now() });
      const n = reads.length;
      return { attachment: view(id), url: `/files/${id}?sig=${n}`, expiresAt: new Date(Date.now() + 5 * minute).toISOString() } satisfies AttachmentLink;
    });
  });
  afterEach(() => vi.useRealTimers());

  it("hands out the link held while it has a while left, and a new one before it expires: never one past its time", async () => {
    expect((await links.get("f_1")).url).toBe("/files/f_1?sig=1");
    vi.setSystemTime(Date.now() + 4 * minute);
    expect((await links.get("f_1")).url).toBe("/files/f_1?sig=1");
    vi.setSystemTime(Date.now() + 45_000); // 15 s before it expires: too close
    expect((await links.get("f_1")).url).toBe("/files/f_1?sig=2");
    expect(reads).toHaveLength(2);
  });

  it("renews a link being shown shortly before it expires, and stops when nothing shows it", async () => {
    const seen: string[] = [];
    const stop = links.watch("f_1", (link) => seen.push(link.url));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(["/files/f_1?sig=1"]);

    await vi.advanceTimersByTimeAsync(4 * minute + 29_000);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000); // 30 s before expiry
    expect(seen).toEqual(["/files/f_1?sig=1", "/files/f_1?sig=2"]);
    expect(reads[1].at).toBeLessThan(Date.UTC(2026, 11, 4, 10, 5));

    await vi.advanceTimersByTimeAsync(4 * minute + 30_000);
    expect(seen).toHaveLength(3);
    stop();
    await vi.advanceTimersByTimeAsync(30 * minute);
    expect(seen).toHaveLength(3);
    expect(reads).toHaveLength(3);
  });

  it("reads a file's link once for everyone who shows it, and again for all when one failed early", async () => {
    const first: string[] = [];
    const second: string[] = [];
    links.watch("f_1", (l) => first.push(l.url));
    links.watch("f_1", (l) => second.push(l.url));
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(1);
    expect(second).toEqual(["/files/f_1?sig=1"]);

    await links.refresh("f_1");
    expect(first).toEqual(["/files/f_1?sig=1", "/files/f_1?sig=2"]);
    expect(second).toEqual(["/files/f_1?sig=1", "/files/f_1?sig=2"]);
  });

  it("keeps trying while a renewal fails, every 10 s, until it gets a new link", async () => {
    let down = false;
    const flaky = new AttachmentLinks(async (id) => {
      if (down) throw new Error("offline");
      reads.push({ id, at: Date.now() });
      return { attachment: view(id), url: `/files/${id}?sig=${reads.length}`, expiresAt: new Date(Date.now() + 5 * minute).toISOString() };
    });
    const seen: string[] = [];
    flaky.watch("f_1", (l) => seen.push(l.url));
    await vi.advanceTimersByTimeAsync(0);
    down = true;
    await vi.advanceTimersByTimeAsync(4 * minute + 30_000);
    expect(seen).toHaveLength(1);
    down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen).toEqual(["/files/f_1?sig=1", "/files/f_1?sig=2"]);
  });
});

describe("files for the next message", () => {
  const file = (name: string, size = 100, type = "image/png") => new File([new Uint8Array(size)], name, { type });

  function setup() {
    const uploads = new Map<string, { progress: (f: number) => void; done: Deferred<AttachmentView>; signal: AbortSignal }>();
    const upload: Uploader = (f, progress, signal) => {
      const done = new Deferred<AttachmentView>();
      uploads.set(f.name, { progress, done, signal });
      return done.promise;
    };
    return { files: new PendingFiles(upload), uploads };
  }
  const states = (files: PendingFiles) => files.items.value.map((f) => `${f.file.name}:${f.state}`);

  it("uploads each file at once, shows how far it got, and sends only the uploaded ones, which then leave the list", async () => {
    const { files, uploads } = setup();
    files.add([file("a.png"), file("b.pdf", 100, "application/pdf")]);
    expect(states(files)).toEqual(["a.png:uploading", "b.pdf:uploading"]);
    expect(files.uploading.value).toBe(true);

    uploads.get("a.png")!.progress(0.5);
    expect(files.items.value[0].progress).toBe(0.5);
    uploads.get("a.png")!.done.resolve(view("f_a", "a.png"));
    await vi.waitFor(() => expect(states(files)).toEqual(["a.png:ready", "b.pdf:uploading"]));
    expect(files.ready.value.map((v) => v.attachmentId)).toEqual(["f_a"]);
    expect(files.uploading.value).toBe(true);

    uploads.get("b.pdf")!.done.resolve(view("f_b", "b.pdf", "application/pdf"));
    await vi.waitFor(() => expect(files.uploading.value).toBe(false));
    expect(files.take().map((v) => v.attachmentId)).toEqual(["f_a", "f_b"]);
    expect(files.items.value).toEqual([]);
  });

  it("keeps a file the server refused, with the reason in words, until it is removed; it is never sent", async () => {
    const { files, uploads } = setup();
    files.add([file("photo.jpg", 100, "image/jpeg"), file("ok.png")]);
    uploads.get("photo.jpg")!.done.reject(problemError(415, JSON.stringify({
      code: "unsupported_media_type", detail: "The file's content is application/x-msdownload, which is not taken.",
    })));
    uploads.get("ok.png")!.done.resolve(view("f_ok", "ok.png"));
    await vi.waitFor(() => expect(states(files)).toEqual(["photo.jpg:failed", "ok.png:ready"]));
    expect(files.items.value[0].error).toBe("That file type can't be sent (application/x-msdownload).");

    expect(files.take().map((v) => v.attachmentId)).toEqual(["f_ok"]);
    expect(states(files)).toEqual(["photo.jpg:failed"]);
    files.remove(files.items.value[0].key);
    expect(files.items.value).toEqual([]);
  });

  it("refuses an empty file, one over the size limit and one more than a message carries, without uploading them", () => {
    const { files, uploads } = setup();
    files.add([file("empty.txt", 0, "text/plain")]);
    files.add(Array.from({ length: limits.attachmentsPerMessage + 1 }, (_, i) => file(`p${i}.png`)));
    expect(files.items.value[0].error).toBe("That file is empty.");
    expect(files.items.value.filter((f) => f.state === "uploading")).toHaveLength(limits.attachmentsPerMessage);
    expect(files.items.value.at(-1)!.error).toBe(`At most ${limits.attachmentsPerMessage} files go with one message.`);
    expect(uploads.size).toBe(limits.attachmentsPerMessage);

    // Size is checked on the File's size alone: a sparse stand-in is enough.
    const big = { name: "big.zip", size: limits.attachmentBytes + 1, type: "application/zip" } as File;
    const { files: other, uploads: none } = setup();
    other.add([big]);
    expect(other.items.value[0].error).toBe("That file is too large to send (at most 10 MB).");
    expect(none.size).toBe(0);
  });

  it("cancels an upload that is removed, and a late answer does not bring the file back", async () => {
    const { files, uploads } = setup();
    files.add([file("a.png")]);
    const upload = uploads.get("a.png")!;
    files.remove(files.items.value[0].key);
    expect(upload.signal.aborted).toBe(true);
    upload.done.resolve(view("f_a", "a.png"));
    await Promise.resolve();
    expect(files.items.value).toEqual([]);
  });
});

describe("what is said about files", () => {
  it("names sizes in binary units and tells images from other files", () => {
    expect(humanSize(900)).toBe("900 bytes");
    expect(humanSize(48_213)).toBe("47 KB");
    expect(humanSize(1_572_864)).toBe("1.5 MB");
    expect(humanSize(limits.attachmentBytes)).toBe("10 MB");
    expect(isImage("image/webp")).toBe(true);
    expect(isImage("image/svg+xml")).toBe(false);
    expect(filesSummary([view("f_1", "invoice.pdf")])).toBe("📎 invoice.pdf");
    expect(filesSummary([view("f_1"), view("f_2")])).toBe("📎 2 files");
  });

  it("puts a refused upload in words, whether or not the answer was a ProblemDetails", () => {
    expect(uploadFailure(problemError(413, ""))).toBe("That file is too large to send (at most 10 MB).");
    expect(uploadFailure(problemError(415, "<html>"))).toBe("That file type can't be sent.");
    expect(uploadFailure(problemError(404, JSON.stringify({ code: "not_found", detail: "No such session." }))))
      .toBe("Files can't be added to this conversation any more.");
  });
});

describe("sending files with a message", () => {
  it("is SendAttachments with the files' ids (the text may be empty), and the pending message shows the files", async () => {
    const hub = new FakeHub();
    const thread = new Thread(sessionId, () => "v_1");
    const ack = new Deferred<MessageAck>();
    hub.handle("SendAttachments", () => ack.promise);
    const files = [view("f_a", "a.png"), view("f_b", "b.pdf", "application/pdf")];
    const sent = thread.send(hub, "", "c-1", files);
    await Promise.resolve();
    expect(thread.pending.value).toEqual([{ clientMessageId: "c-1", text: "", attachments: files, state: "sending" }]);
    await vi.waitFor(() => expect(hub.calls).toEqual([{ method: "SendAttachments", args: [sessionId, "c-1", "", ["f_a", "f_b"]] }]));

    const stored = message(1, "", { senderId: "v_1", senderRole: "visitor", clientMessageId: "c-1", attachments: files });
    ack.resolve({ sessionId, seq: 1, at: stored.at, clientMessageId: "c-1", duplicate: false, message: stored });
    await sent;
    expect(thread.pending.value).toEqual([]);
    expect(thread.messages.value[0].attachments).toEqual(files);
  });
});
