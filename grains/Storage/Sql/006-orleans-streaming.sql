-- Tables and query texts for the Orleans ADO.NET stream provider (Microsoft.Orleans.Streaming.AdoNet
-- 10.4.2-alpha.1), which carries the live-context stream ("context"). Written for this project from the
-- provider's contract as verified in docs/architecture.md ("Live context: the stream contract"); the
-- nupkg ships no SQL. The provider depends only on the table `orleansquery`, the six query keys below,
-- their parameter names and the names and types of the columns they return; the layout is our own.
--
-- A message is a row of orleans.stream_message. Time values the provider sends are whole seconds
-- (@ExpiryTimeout, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, all integer).
-- Life of a row: queued (dequeued = 0, visible now) -> taken by a receiver (dequeued + 1, invisible for
-- @VisibilityTimeout) -> deleted by the receiver's confirmation, or visible again when the timeout passes
-- (the silo died, or never confirmed), or moved to orleans.stream_dead_letter once it has been taken
-- @MaxAttempts times or has expired. Dead letters are deleted when their remove_on passes.
-- Every statement is idempotent: re-running this script changes nothing that exists.

CREATE SCHEMA IF NOT EXISTS orleans;

CREATE TABLE IF NOT EXISTS orleans.stream_message (
    service_id   text        NOT NULL,
    provider_id  text        NOT NULL,
    queue_id     text        NOT NULL,
    -- Unique across queues; the provider reads it as a 64-bit integer (bigint, not numeric).
    message_id   bigint      GENERATED ALWAYS AS IDENTITY,
    -- How often a receiver has taken the message; also the receipt a confirmation must quote.
    -- The provider reads it as a 32-bit integer (integer, not smallint or bigint).
    dequeued     integer     NOT NULL DEFAULT 0,
    visible_on   timestamptz NOT NULL,
    expires_on   timestamptz NOT NULL,
    created_on   timestamptz NOT NULL,
    modified_on  timestamptz NOT NULL,
    payload      bytea       NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE TABLE IF NOT EXISTS orleans.stream_dead_letter (
    service_id   text        NOT NULL,
    provider_id  text        NOT NULL,
    queue_id     text        NOT NULL,
    message_id   bigint      NOT NULL,
    dequeued     integer     NOT NULL,
    visible_on   timestamptz NOT NULL,
    expires_on   timestamptz NOT NULL,
    created_on   timestamptz NOT NULL,
    modified_on  timestamptz NOT NULL,
    payload      bytea       NOT NULL,
    dead_on      timestamptz NOT NULL,
    -- Fixed when the message dies: the eviction key that deletes dead letters is given no retention.
    remove_on    timestamptz NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE INDEX IF NOT EXISTS stream_dead_letter_remove_idx
    ON orleans.stream_dead_letter (service_id, provider_id, queue_id, remove_on);

-- When each queue may next run its opportunistic eviction (GetStreamMessagesKey). One row per queue,
-- shared by every silo, so the interval is cluster-wide whatever the number of silos.
CREATE TABLE IF NOT EXISTS orleans.stream_eviction (
    service_id        text        NOT NULL,
    provider_id       text        NOT NULL,
    queue_id          text        NOT NULL,
    next_eviction_on  timestamptz NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id)
);

INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

-- Publish: one row per event batch, visible at once. Returns exactly one row (the provider calls Single()).
('QueueStreamMessageKey', $q$/* orleans:QueueStreamMessageKey */
INSERT INTO orleans.stream_message AS m
       (service_id, provider_id, queue_id, visible_on, expires_on, created_on, modified_on, payload)
VALUES (@ServiceId, @ProviderId, @QueueId, now(), now() + @ExpiryTimeout * interval '1 second', now(), now(), @Payload)
RETURNING m.service_id AS "ServiceId", m.provider_id AS "ProviderId", m.queue_id AS "QueueId",
          m.message_id AS "MessageId"$q$),

-- Poll one queue: take up to @MaxCount visible messages that still have attempts and time left, oldest
-- first, skipping rows another receiver is taking right now; each taken row becomes invisible for
-- @VisibilityTimeout and its dequeued count (the receipt) goes up by one. At most once per
-- @EvictionInterval per queue (whoever wins the eviction row), the same statement also moves up to
-- @EvictionBatchSize exhausted or expired messages to dead letters (kept @RemovalTimeout) and deletes up
-- to @EvictionBatchSize dead letters past their remove_on. Eviction only touches rows the take cannot
-- (dequeued >= @MaxAttempts or expired), so no row is changed twice. An empty poll that is not due for
-- eviction changes no row: it costs a read, no WAL and no commit flush.
('GetStreamMessagesKey', $q$/* orleans:GetStreamMessagesKey */
WITH due AS (
    UPDATE orleans.stream_eviction
       SET next_eviction_on = now() + @EvictionInterval * interval '1 second'
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND next_eviction_on <= now()
    RETURNING 1
), first_due AS (
    INSERT INTO orleans.stream_eviction (service_id, provider_id, queue_id, next_eviction_on)
    SELECT @ServiceId, @ProviderId, @QueueId, now() + @EvictionInterval * interval '1 second'
     WHERE NOT EXISTS (SELECT 1 FROM orleans.stream_eviction
                        WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId)
    ON CONFLICT DO NOTHING
    RETURNING 1
), doomed AS (
    SELECT message_id FROM orleans.stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND visible_on <= now() AND (dequeued >= @MaxAttempts OR expires_on <= now())
       AND (EXISTS (SELECT 1 FROM due) OR EXISTS (SELECT 1 FROM first_due))
     ORDER BY message_id
     LIMIT @EvictionBatchSize
       FOR UPDATE SKIP LOCKED
), moved AS (
    DELETE FROM orleans.stream_message m USING doomed d
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = d.message_id
    RETURNING m.*
), buried AS (
    INSERT INTO orleans.stream_dead_letter
           (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
            modified_on, payload, dead_on, remove_on)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
           now(), payload, now(), now() + @RemovalTimeout * interval '1 second'
      FROM moved
    ON CONFLICT DO NOTHING
), forgotten AS (
    DELETE FROM orleans.stream_dead_letter
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id IN (SELECT message_id FROM orleans.stream_dead_letter
                           WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
                             AND remove_on <= now()
                             AND (EXISTS (SELECT 1 FROM due) OR EXISTS (SELECT 1 FROM first_due))
                           ORDER BY remove_on
                           LIMIT @EvictionBatchSize
                             FOR UPDATE SKIP LOCKED)
), picked AS (
    SELECT message_id FROM orleans.stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND visible_on <= now() AND dequeued < @MaxAttempts AND expires_on > now()
     ORDER BY message_id
     LIMIT @MaxCount
       FOR UPDATE SKIP LOCKED
), taken AS (
    UPDATE orleans.stream_message m
       SET dequeued = m.dequeued + 1,
           visible_on = now() + @VisibilityTimeout * interval '1 second',
           modified_on = now()
      FROM picked p
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = p.message_id
    RETURNING m.*
)
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId",
       message_id AS "MessageId", dequeued AS "Dequeued", visible_on AS "VisibleOn",
       expires_on AS "ExpiresOn", created_on AS "CreatedOn", modified_on AS "ModifiedOn",
       payload AS "Payload"
  FROM taken$q$),

-- Confirm or release. @Items is "messageId:receipt|messageId:receipt|…". A positive receipt confirms:
-- the message is deleted, but only if its dequeued count still equals the receipt (a receiver that lost
-- the message to a newer one cannot delete the newer one's copy). A negative receipt releases (the
-- provider's shutdown): the message becomes visible now if dequeued equals -receipt; its count stays, so
-- receipts never repeat. Returns one row per message actually confirmed or released.
('ConfirmStreamMessagesKey', $q$/* orleans:ConfirmStreamMessagesKey */
WITH items AS (
    SELECT split_part(item, ':', 1)::bigint AS message_id, split_part(item, ':', 2)::integer AS receipt
      FROM unnest(string_to_array(@Items, '|')) AS item
     WHERE item <> ''
), confirmed AS (
    DELETE FROM orleans.stream_message m USING items i
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = i.message_id AND i.receipt > 0 AND m.dequeued = i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
), released AS (
    UPDATE orleans.stream_message m
       SET visible_on = now(), modified_on = now()
      FROM items i
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = i.message_id AND i.receipt < 0 AND m.dequeued = -i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
)
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId"
  FROM confirmed
UNION ALL
SELECT service_id, provider_id, queue_id, message_id FROM released$q$),

-- A delivery failed (the consumer kept failing for the pulling agent's whole delivery time). If the message
-- has attempts and time left it becomes visible again at once, so a transient fault is retried; otherwise
-- it moves to dead letters (kept @RemovalTimeout). The provider gives no receipt here.
('FailStreamMessageKey', $q$/* orleans:FailStreamMessageKey */
WITH retried AS (
    UPDATE orleans.stream_message
       SET visible_on = now(), modified_on = now()
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND dequeued < @MaxAttempts AND expires_on > now()
    RETURNING 1
), moved AS (
    DELETE FROM orleans.stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId AND (dequeued >= @MaxAttempts OR expires_on <= now())
    RETURNING *
)
INSERT INTO orleans.stream_dead_letter
       (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
        modified_on, payload, dead_on, remove_on)
SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
       now(), payload, now(), now() + @RemovalTimeout * interval '1 second'
  FROM moved
ON CONFLICT DO NOTHING$q$),

-- Batch eviction, as the poll does it but unconditionally: up to @MaxCount invisible-no-more messages that
-- are exhausted or expired go to dead letters. (10.4.2-alpha.1 requires this key but never runs it; the
-- poll evicts. Kept correct for a provider version that does, and for operators.)
('EvictStreamMessagesKey', $q$/* orleans:EvictStreamMessagesKey */
WITH doomed AS (
    SELECT message_id FROM orleans.stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND visible_on <= now() AND (dequeued >= @MaxAttempts OR expires_on <= now())
     ORDER BY message_id
     LIMIT @MaxCount
       FOR UPDATE SKIP LOCKED
), moved AS (
    DELETE FROM orleans.stream_message m USING doomed d
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = d.message_id
    RETURNING m.*
)
INSERT INTO orleans.stream_dead_letter
       (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
        modified_on, payload, dead_on, remove_on)
SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on,
       now(), payload, now(), now() + @RemovalTimeout * interval '1 second'
  FROM moved
ON CONFLICT DO NOTHING$q$),

-- Deletes up to @MaxCount dead letters whose remove_on has passed. (Required, not run by 10.4.2-alpha.1.)
('EvictStreamDeadLettersKey', $q$/* orleans:EvictStreamDeadLettersKey */
DELETE FROM orleans.stream_dead_letter
 WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
   AND message_id IN (SELECT message_id FROM orleans.stream_dead_letter
                       WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
                         AND remove_on <= now()
                       ORDER BY remove_on
                       LIMIT @MaxCount
                         FOR UPDATE SKIP LOCKED)$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
