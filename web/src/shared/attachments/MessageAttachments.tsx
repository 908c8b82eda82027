import { useEffect, useState } from "preact/hooks";
import type { AttachmentLink, AttachmentView } from "../protocol";
import type { AttachmentLinks } from "./links";
import { humanSize, isImage } from "./files";
import { DownloadIcon, FileIcon } from "../icons";

/**
 * The files of a message, under its text: an image as a preview (its size held within the bubble's width and a
 * maximum height) that opens full size in a new tab, with a download link; any other file as a chip with its name and
 * size that downloads it. Each reads its signed link from `links`, which keeps it fresh while it is shown. The widget
 * and the workspace both use it (the same classes, attachments.css).
 */
export function MessageAttachments({ attachments, links }: { attachments: readonly AttachmentView[] | null | undefined; links: AttachmentLinks }) {
  if (!attachments?.length) return null;
  return (
    <ul class="att-list" aria-label={attachments.length === 1 ? "Attached file" : `${attachments.length} attached files`}>
      {attachments.map((a) => (
        <li key={a.attachmentId} data-attachment={a.attachmentId}>
          {isImage(a.contentType) ? <ImagePreview attachment={a} links={links} /> : <FileChip attachment={a} links={links} />}
        </li>
      ))}
    </ul>
  );
}

/** The file's link, renewed while the component is shown; null until the first one is read. */
function useLink(links: AttachmentLinks, attachmentId: string): AttachmentLink | null {
  const [link, setLink] = useState<AttachmentLink | null>(null);
  useEffect(() => links.watch(attachmentId, setLink), [links, attachmentId]);
  return link;
}

/** `&download=1`: the server then sends an image as a download under its name (docs/protocol.md, Attachments). */
const downloadUrl = (url: string) => `${url}${url.includes("?") ? "&" : "?"}download=1`;

/** Reading an image again after it failed to load (its link refused): this many times, then it says so. */
const imageRetries = 2;

function ImagePreview({ attachment: a, links }: { attachment: AttachmentView; links: AttachmentLinks }) {
  const link = useLink(links, a.attachmentId);
  // The image is read from the first link; renewals keep the links around it working without reading it again.
  const [src, setSrc] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  useEffect(() => { if (link && !src) setSrc(link.url); }, [link, src]);

  function failed() {
    const count = failures + 1;
    setFailures(count);
    if (count <= imageRetries) links.refresh(a.attachmentId).then((fresh) => setSrc(fresh.url), () => {});
  }

  const broken = failures > imageRetries;
  const image = broken
    ? <span class="att-image-frame att-image-broken">The image could not be shown.</span>
    : src ? <img src={src} alt={a.fileName} onError={failed} />
    : <span class="att-image-frame" aria-hidden="true" />;
  return (
    <figure class="att-image">
      {link && !broken ? <a class="att-image-open" href={link.url} target="_blank" rel="noopener noreferrer" title="Open full size">{image}</a> : image}
      <figcaption>
        <span class="att-name" dir="auto">{a.fileName}</span>
        <span class="att-size">{humanSize(a.size)}</span>
        {link && (
          <a class="att-download" href={downloadUrl(link.url)} download={a.fileName}>
            <DownloadIcon size={14} /><span class="sr-only">Download {a.fileName}</span>
          </a>
        )}
      </figcaption>
    </figure>
  );
}

function FileChip({ attachment: a, links }: { attachment: AttachmentView; links: AttachmentLinks }) {
  const link = useLink(links, a.attachmentId);
  const body = (
    <>
      <FileIcon size={20} />
      <span class="att-file-text">
        <span class="att-name" dir="auto">{a.fileName}</span>
        <span class="att-size">{humanSize(a.size)}</span>
      </span>
      <DownloadIcon size={16} />
      <span class="sr-only">Download</span>
    </>
  );
  return link
    ? <a class="att-file" href={link.url} download={a.fileName}>{body}</a>
    : <span class="att-file" aria-busy="true">{body}</span>;
}
