-- The chat transcript: append-only, one row per message, written in batches by
-- PostgresTranscriptStore (group commit). (session_id, seq) is the identity the session grain
-- assigns; a duplicate is a caller bug and must fail, so there is no ON CONFLICT on the write path.
CREATE SCHEMA IF NOT EXISTS engagement;

CREATE TABLE IF NOT EXISTS engagement.session_message (
    session_id         text        NOT NULL,
    seq                bigint      NOT NULL,
    kind               smallint    NOT NULL,  -- MessageKind: 0 text, 1 event
    sender_id          text        NOT NULL,
    sender_role        smallint    NOT NULL,  -- ParticipantRole: 0 visitor, 1 agent, 2 system
    sender_name        text        NOT NULL,
    text               text        NOT NULL,
    at                 timestamptz NOT NULL,
    client_message_id  text        NULL,
    PRIMARY KEY (session_id, seq)
);
