-- Query texts for Orleans ADO.NET reminders, per the contract's section 4.
-- Reads return GrainId, ReminderName, StartTime, Period (ms) and Version (the etag).
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $q$/* orleans:ReadReminderRowsKey */
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans.grain_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId$q$),

('ReadReminderRowKey', $q$/* orleans:ReadReminderRowKey */
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans.grain_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName$q$),

-- A ring range that does not wrap: (begin, end].
('ReadRangeRows1Key', $q$/* orleans:ReadRangeRows1Key */
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans.grain_reminder
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash$q$),

-- A ring range that wraps, or the full ring when begin = end.
('ReadRangeRows2Key', $q$/* orleans:ReadRangeRows2Key */
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
  FROM orleans.grain_reminder
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)$q$),

-- Last writer wins; every upsert returns a new version.
('UpsertReminderRowKey', $q$/* orleans:UpsertReminderRowKey */
INSERT INTO orleans.grain_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
       version = CASE WHEN r.version = 2147483647 THEN 1 ELSE r.version + 1 END
RETURNING version AS "Version"$q$),

('DeleteReminderRowKey', $q$/* orleans:DeleteReminderRowKey */
WITH deleted AS (
    DELETE FROM orleans.grain_reminder
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted) AS deleted$q$),

('DeleteReminderRowsKey', $q$/* orleans:DeleteReminderRowsKey */
DELETE FROM orleans.grain_reminder WHERE service_id = @ServiceId$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
