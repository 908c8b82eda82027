-- Full-text search newest first over millions of messages (grains/Conversations/ConversationSearch.cs). The GIN index
-- of 010 finds every match, but a page is "the newest 50": every match was read from the table and sorted, so a common
-- word cost seconds (docs/benchmarks.md, "Search over 1,000,000 stored messages"). Search now tests the newest text
-- messages one by one first, through a time index, and asks the word index only for what that leaves; testing a
-- message reads its words from a stored column instead of parsing its text again. The word index moves to that column.
-- On a large store this rewrites session_message and builds both indexes while holding its lock (1,000,000 messages:
-- about a minute here), so upgrade such a store in a quiet hour.
ALTER TABLE engagement.session_message
    ADD COLUMN IF NOT EXISTS text_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;

CREATE INDEX IF NOT EXISTS session_message_text_words_idx ON engagement.session_message USING gin (text_search);
CREATE INDEX IF NOT EXISTS session_message_text_at_idx ON engagement.session_message (at) WHERE kind = 0;

DROP INDEX IF EXISTS engagement.session_message_text_search_idx;
