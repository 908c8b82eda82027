-- Historical reporting (docs/protocol.md, Reports): one durable fact per live-chat session, so the supervisor's
-- figures for any interval survive restarts. The session grain upserts its whole row whenever a fact becomes known
-- (queued, answered, first agent reply, abandoned, closed, rated) and again on activation; a row is replaced only by
-- a newer one (updated_at). The grain's own state is the truth. No personal data: no customer id, no text.
CREATE TABLE IF NOT EXISTS engagement.session_fact (
    session_id          text        PRIMARY KEY,
    queue_id            text        NOT NULL,
    agent_id            text        NULL,          -- the assignee, once answered
    channel             text        NOT NULL,
    outcome             text        NOT NULL,      -- waiting | answered | abandoned
    requested_at        timestamptz NOT NULL,      -- the session's time in every report
    queued_at           timestamptz NULL,
    offered_at          timestamptz NULL,          -- the first offer; abandoned after one: a missed session
    answered_at         timestamptz NULL,
    first_response_at   timestamptz NULL,          -- the assigned agent's first durable message
    closed_at           timestamptz NULL,
    abandoned_at        timestamptz NULL,
    answered_within_sla boolean     NULL,          -- queued → answered within the queue's SLA target; null unanswered
    csat                smallint    NULL,
    first_response_ms   bigint      GENERATED ALWAYS AS ((extract(epoch FROM first_response_at - answered_at) * 1000)::bigint) STORED,
    handle_ms           bigint      GENERATED ALWAYS AS ((extract(epoch FROM closed_at - answered_at) * 1000)::bigint) STORED,
    updated_at          timestamptz NOT NULL
);

-- Reports read an interval of requested_at, for everything, one queue or one agent.
CREATE INDEX IF NOT EXISTS session_fact_requested_idx ON engagement.session_fact (requested_at);
CREATE INDEX IF NOT EXISTS session_fact_queue_idx ON engagement.session_fact (queue_id, requested_at);
CREATE INDEX IF NOT EXISTS session_fact_agent_idx ON engagement.session_fact (agent_id, requested_at) WHERE agent_id IS NOT NULL;
