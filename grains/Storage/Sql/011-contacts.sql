-- The contacts view's projection of customers: one row per customer the team has something of (identified, with
-- attributes, sessions or conversations, or merged into another), written by the customer grain after each change
-- and again on activation; a row never goes back to an older version (the grain's state counts its writes). The
-- grain's own state is the truth. Conversation counts come from engagement.conversation (007), not from here.
CREATE TABLE IF NOT EXISTS engagement.contact (
    contact_id    text        PRIMARY KEY,
    is_known      boolean     NOT NULL,
    name          text        NULL,
    email         text        NULL,
    attributes    jsonb       NOT NULL DEFAULT '{}',
    merged_into   text        NULL,      -- set on an anonymous visitor merged into a known customer: not listed
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    version       bigint      NOT NULL
);

-- The list: most recently seen first, merged visitors left out. Search (part of the id, name or email) filters
-- this list as it is read; it stays cheap while contacts number in the hundreds of thousands.
CREATE INDEX IF NOT EXISTS contact_listed_idx ON engagement.contact (last_seen DESC) WHERE merged_into IS NULL;
