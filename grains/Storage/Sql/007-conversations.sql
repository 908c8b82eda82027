-- The shared inbox's index of conversations: one row per conversation, a projection of the conversation grain's
-- state (the grain's own state is the truth; a row is upserted after every change and again on activation, and a
-- row never goes back to an older version). Lists, filters and counts read it; nothing else writes it.
CREATE TABLE IF NOT EXISTS engagement.conversation (
    conversation_id   text        PRIMARY KEY,
    contact_id        text        NOT NULL,
    queue_id          text        NOT NULL,
    channel           text        NOT NULL,
    subject           text        NULL,
    status            smallint    NOT NULL,  -- ConversationStatus: 0 open, 1 pending, 2 snoozed, 3 resolved
    snoozed_until     timestamptz NULL,
    assignee_id       text        NULL,
    labels            text[]      NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    last_activity_at  timestamptz NOT NULL,
    preview           text        NULL,
    contact_name      text        NULL,
    contact_email     text        NULL,
    awaiting_reply    boolean     NOT NULL,
    live_session_id   text        NULL,
    session_ids       text[]      NOT NULL DEFAULT '{}',
    last_seq          bigint      NOT NULL,
    version           bigint      NOT NULL,
    api_channel_id    text        NULL
);
-- Databases made by an earlier draft of this script lack the last column.
ALTER TABLE engagement.conversation ADD COLUMN IF NOT EXISTS api_channel_id text NULL;

-- Inbox lists: newest activity first, within a status, a queue, an assignee or a contact.
CREATE INDEX IF NOT EXISTS conversation_status_activity_idx ON engagement.conversation (status, last_activity_at DESC);
CREATE INDEX IF NOT EXISTS conversation_queue_activity_idx ON engagement.conversation (queue_id, last_activity_at DESC);
CREATE INDEX IF NOT EXISTS conversation_assignee_idx ON engagement.conversation (assignee_id, last_activity_at DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS conversation_contact_idx ON engagement.conversation (contact_id, last_activity_at DESC);
CREATE INDEX IF NOT EXISTS conversation_labels_idx ON engagement.conversation USING gin (labels);
-- Counts cover the unresolved conversations only, which stay few however many are resolved.
CREATE INDEX IF NOT EXISTS conversation_unresolved_idx ON engagement.conversation (queue_id, status, channel, assignee_id) WHERE status <> 3;
