-- Full-text search over every transcript (live chats and conversations' own messages), and which conversation
-- each transcript belongs to. The 'simple' configuration (no stemming, no stop words) treats every language
-- alike; a query matches whole words (websearch syntax: "quoted phrases", OR, -excluded).
CREATE INDEX IF NOT EXISTS session_message_text_search_idx
    ON engagement.session_message USING gin (to_tsvector('simple', text));

-- A transcript's key (a session id, or the conversation's own id) to its conversation. Written with the index row
-- (ConversationIndex); a transcript belongs to one conversation for good.
CREATE TABLE IF NOT EXISTS engagement.conversation_thread (
    thread_id        text PRIMARY KEY,
    conversation_id  text NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_thread_conversation_idx ON engagement.conversation_thread (conversation_id);
