-- The email channel (grains/Email, docs/email.md). Both tables are work queues shared by every silo: a silo claims
-- rows with FOR UPDATE SKIP LOCKED and pushes due_at forward by its lease, so a killed silo's claims come back when
-- the lease passes; attempts is the claim's receipt, and a result is written only while attempts still equals the
-- receipt the writer claimed with (a late writer whose lease passed changes nothing). Times are the server's now().
CREATE SCHEMA IF NOT EXISTS engagement;

-- Outbound mail: one row per OutboundMail, keyed by the caller's id (enqueue is idempotent on it).
CREATE TABLE IF NOT EXISTS engagement.email_outbound (
    mail_id          text        PRIMARY KEY,
    conversation_id  text        NOT NULL,
    message_id       text        NOT NULL,  -- {mail_id}@{domain}, without angle brackets
    reply_token      text        NOT NULL,
    from_address     text        NOT NULL,
    from_name        text        NULL,
    to_address       text        NOT NULL,
    to_name          text        NULL,
    subject          text        NOT NULL,
    text_body        text        NOT NULL,
    html_body        text        NULL,      -- null: built from text_body when sent
    in_reply_to      text        NULL,
    thread_references text[]     NOT NULL,  -- References, oldest first
    auto_generated   boolean     NOT NULL,
    state            smallint    NOT NULL DEFAULT 0,  -- OutboundMailState: 0 queued, 1 sent, 2 failed, 3 bounced
    attempts         integer     NOT NULL DEFAULT 0,
    due_at           timestamptz NOT NULL DEFAULT now(),
    reason           text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS email_outbound_due ON engagement.email_outbound (due_at) WHERE state = 0;
CREATE INDEX IF NOT EXISTS email_outbound_conversation ON engagement.email_outbound (conversation_id, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS email_outbound_message_id ON engagement.email_outbound (message_id);
CREATE INDEX IF NOT EXISTS email_outbound_reply_token ON engagement.email_outbound (reply_token);

-- Inbound mail: the raw message as the listener received it, stored before it answers 250, then processed.
-- raw_sha256 covers the recipients and the bytes: a client that resends after losing our 250 stores nothing twice.
CREATE TABLE IF NOT EXISTS engagement.email_inbound (
    raw_id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at      timestamptz NOT NULL DEFAULT now(),
    envelope_from    text        NOT NULL,  -- '' for the null reverse-path
    envelope_to      text[]      NOT NULL,
    remote_address   text        NULL,
    raw              bytea       NOT NULL,
    raw_sha256       bytea       NOT NULL,
    size             integer     NOT NULL,
    disposition      smallint    NOT NULL DEFAULT 0,  -- InboundDisposition: 0 pending, 1 handled, 2 bounce, 3 ignored, 4 malformed
    result           text        NULL,      -- the handler's InboundMailResult, or the classifier's kind
    conversation_id  text        NULL,
    detail           text        NULL,
    last_error       text        NULL,      -- the handler's last exception, kept while the mail waits for a retry
    attempts         integer     NOT NULL DEFAULT 0,
    due_at           timestamptz NOT NULL DEFAULT now(),
    processed_at     timestamptz NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS email_inbound_sha256 ON engagement.email_inbound (raw_sha256);
CREATE INDEX IF NOT EXISTS email_inbound_due ON engagement.email_inbound (due_at) WHERE disposition = 0;
