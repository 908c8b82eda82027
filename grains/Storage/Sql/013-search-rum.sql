-- Full-text search newest first over millions of messages (grains/Conversations/ConversationSearch.cs). The GIN index
-- of 010 finds every match, but a page is "the newest 50": each match had to be read from the table and sorted, so a
-- common word cost seconds (docs/benchmarks.md, "Search over 1,000,000 stored messages"). Instead:
-- * RUM, an index access method like GIN that also keeps each message's time beside its words, so the matches are
--   put in time order inside the index and only a page's rows are read. It is the PostgreSQL extension "rum"
--   (Debian: postgresql-15-rum, which ./engage installs); creating it needs a superuser once per database.
-- * The words of each message as a stored column: RUM indexes a column, not an expression, and the phrase test on
--   each candidate reads the words instead of parsing the text again.
-- * A time index of the text messages, from which search tests the newest ones first.
-- On a large store this rewrites session_message and builds both indexes while holding its lock (1,000,000
-- messages: about a minute), so upgrade such a store in a quiet hour.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        RAISE EXCEPTION 'the PostgreSQL extension "rum" is not installed on the database server'
            USING HINT = 'Install it (Debian: apt-get install postgresql-15-rum; ./engage does) and start the silo again.';
    END IF;
END $$;
CREATE EXTENSION IF NOT EXISTS rum;

ALTER TABLE engagement.session_message
    ADD COLUMN IF NOT EXISTS text_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;

-- Posting lists in row order, not ordered by time (order_by_attach): rum 1.3.13 sorts the matches either way (its
-- lookupScanDirection never finds the direction), and row order keeps the index a third smaller.
CREATE INDEX IF NOT EXISTS session_message_text_rum_idx
    ON engagement.session_message USING rum (text_search rum_tsvector_addon_ops, at) WITH (attach = 'at', to = 'text_search');

CREATE INDEX IF NOT EXISTS session_message_text_at_idx ON engagement.session_message (at) WHERE kind = 0;

DROP INDEX IF EXISTS engagement.session_message_text_search_idx;
