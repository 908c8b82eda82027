-- Attachments (docs/protocol.md, Attachments). A message names its files in its own row (attachments: a JSON array
-- of { attachmentId, fileName, contentType, size }, null for none), so a message and its files commit together.
-- The catalog holds each uploaded file: the transcript it was uploaded into (scope_id: a session or conversation id),
-- who uploaded it, and its key in the attachment store. A file no message names a day after its upload is swept.
ALTER TABLE engagement.session_message ADD COLUMN IF NOT EXISTS attachments jsonb NULL;

CREATE TABLE IF NOT EXISTS engagement.attachment (
    attachment_id  text        PRIMARY KEY,
    scope_id       text        NOT NULL,
    uploader_id    text        NOT NULL,
    file_name      text        NOT NULL,
    content_type   text        NOT NULL,
    size           bigint      NOT NULL,
    sha256         bytea       NOT NULL,
    storage_key    text        NOT NULL,
    created_at     timestamptz NOT NULL
);

-- Erasure and retention delete a transcript's files by its id.
CREATE INDEX IF NOT EXISTS attachment_scope_idx ON engagement.attachment (scope_id);
-- The sweep of files never sent looks at the oldest.
CREATE INDEX IF NOT EXISTS attachment_created_idx ON engagement.attachment (created_at);

-- A reply mailed to the contact carries the message's files: their views, read from the store when the mail is built.
ALTER TABLE engagement.email_outbound ADD COLUMN IF NOT EXISTS attachments jsonb NULL;
