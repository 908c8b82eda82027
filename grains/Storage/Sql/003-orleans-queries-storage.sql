-- Query texts for Orleans ADO.NET grain storage, per the contract's section 3.
-- Identity: @ServiceId, @GrainTypeString (the state name), @GrainIdN0, @GrainIdN1 and
-- @GrainIdExtensionString (NULL allowed, compared through orleans.grain_key_digest).
-- Versions are etags: a write, clear or delete succeeds only where the stored version equals
-- @GrainStateVersion; a first write (NULL version) inserts only if no record exists. Anything
-- else returns no row, which the provider reports as InconsistentStateException.
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

('ReadFromStorageKey', $q$/* orleans:ReadFromStorageKey */
SELECT payload AS "PayloadBinary", version AS "Version"
  FROM orleans.grain_state
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND n0 = @GrainIdN0 AND n1 = @GrainIdN1
   AND key_digest = orleans.grain_key_digest(@GrainIdExtensionString)$q$),

('WriteToStorageKey', $q$/* orleans:WriteToStorageKey */
WITH inserted AS (
    INSERT INTO orleans.grain_state (service_id, state_name, n0, n1, key_digest, key_ext,
                                     id_hash, type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           orleans.grain_key_digest(@GrainIdExtensionString), @GrainIdExtensionString,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans.grain_state
       SET payload = @PayloadBinary, modified_at = now(),
           version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
     WHERE service_id = @ServiceId AND state_name = @GrainTypeString
       AND n0 = @GrainIdN0 AND n1 = @GrainIdN1
       AND key_digest = orleans.grain_key_digest(@GrainIdExtensionString)
       AND version = @GrainStateVersion
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated$q$),

-- Clear keeps the row (payload NULL) and moves the version on.
('ClearStorageKey', $q$/* orleans:ClearStorageKey */
UPDATE orleans.grain_state
   SET payload = NULL, modified_at = now(),
       version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND n0 = @GrainIdN0 AND n1 = @GrainIdN1
   AND key_digest = orleans.grain_key_digest(@GrainIdExtensionString)
   AND version = @GrainStateVersion
RETURNING version AS "Version"$q$),

-- Used with DeleteStateOnClear = true; returns a value different from the old etag.
('DeleteStorageKey', $q$/* orleans:DeleteStorageKey */
DELETE FROM orleans.grain_state
 WHERE service_id = @ServiceId AND state_name = @GrainTypeString
   AND n0 = @GrainIdN0 AND n1 = @GrainIdN1
   AND key_digest = orleans.grain_key_digest(@GrainIdExtensionString)
   AND version = @GrainStateVersion
RETURNING CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END AS "Version"$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
