-- Outgoing webhooks (docs/webhooks.md): subscriptions, and the outbox of deliveries the dispatchers of every
-- silo share. A delivery is one event for one subscription; its attempts are logged in the row itself.
CREATE SCHEMA IF NOT EXISTS engagement;

CREATE TABLE IF NOT EXISTS engagement.webhook_subscription (
    id                     text        PRIMARY KEY,
    url                    text        NOT NULL,
    event_types            text[]      NOT NULL,
    active                 boolean     NOT NULL,
    description            text        NULL,
    secret                 text        NOT NULL,
    -- After a rotation the previous secret still signs (a second signature) until previous_secret_until.
    previous_secret        text        NULL,
    previous_secret_until  timestamptz NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS engagement.webhook_delivery (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  text        NOT NULL REFERENCES engagement.webhook_subscription (id) ON DELETE CASCADE,
    event_id         text        NOT NULL,  -- the idempotency id the receiver sees
    event_type       text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    -- The event's data (JSON), or, for message.created, a reference to the transcript row it describes:
    -- the message is already durable there, so the outbox does not store it twice.
    data             jsonb       NULL,
    session_id       text        NULL,
    seq              bigint      NULL,
    replay_of        bigint      NULL,      -- the delivery this one replays (same event id, sent again)
    status           smallint    NOT NULL DEFAULT 0,  -- WebhookDeliveryStatus: 0 pending, 1 delivered, 2 dead
    attempts         integer     NOT NULL DEFAULT 0,  -- attempts started (a claim counts one)
    -- When a pending delivery is next due; while an attempt is out, the end of its claim's lease.
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz NULL,      -- delivered or dead
    last_status_code integer     NULL,
    last_error       text        NULL,
    attempt_log      jsonb       NOT NULL DEFAULT '[]'  -- one object per attempt (WebhookAttempt)
);

-- Idempotency: an event reaches a subscription once, however often it is published; replays are new rows.
CREATE UNIQUE INDEX IF NOT EXISTS webhook_delivery_event
    ON engagement.webhook_delivery (subscription_id, event_id) WHERE replay_of IS NULL;
-- What the dispatchers claim (FOR UPDATE SKIP LOCKED), oldest due first.
CREATE INDEX IF NOT EXISTS webhook_delivery_due
    ON engagement.webhook_delivery (next_attempt_at) WHERE status = 0;
-- The delivery log of a subscription, by status, newest first.
CREATE INDEX IF NOT EXISTS webhook_delivery_log
    ON engagement.webhook_delivery (subscription_id, status, id);
-- Retention: finished deliveries are pruned by age.
CREATE INDEX IF NOT EXISTS webhook_delivery_finished
    ON engagement.webhook_delivery (finished_at) WHERE status <> 0;
