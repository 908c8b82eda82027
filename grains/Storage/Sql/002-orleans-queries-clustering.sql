-- Query texts for Orleans ADO.NET clustering (silos and clients), per the contract's section 2.
-- Upserted, so editing a text here and restarting the silos replaces it in place.
-- Insert and update are compare-and-increment on the cluster's version row: the data-modifying
-- CTE locks that row, so concurrent writers queue up and the losers no longer match @Version.
INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', $q$/* orleans:InsertMembershipVersionKey */
WITH created AS (
    INSERT INTO orleans.cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created) AS created$q$),

('InsertMembershipKey', $q$/* orleans:InsertMembershipKey */
WITH bumped AS (
    UPDATE orleans.cluster_version v
       SET version = v.version + 1, changed_at = now()
     WHERE v.cluster_id = @DeploymentId
       AND v.version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans.cluster_silo s
                        WHERE s.cluster_id = @DeploymentId AND s.address = @Address
                          AND s.port = @Port AND s.generation = @Generation)
    RETURNING v.cluster_id),
inserted AS (
    INSERT INTO orleans.cluster_silo (cluster_id, address, port, generation, silo_name, host_name,
                                      status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, coalesce(@ProxyPort, 0), @StartTime, @IAmAliveTime
      FROM bumped
    RETURNING 1)
SELECT count(*) = 1 AS inserted FROM inserted$q$),

('UpdateMembershipKey', $q$/* orleans:UpdateMembershipKey */
WITH bumped AS (
    UPDATE orleans.cluster_version v
       SET version = v.version + 1, changed_at = now()
     WHERE v.cluster_id = @DeploymentId
       AND v.version = @Version
       AND EXISTS (SELECT 1 FROM orleans.cluster_silo s
                    WHERE s.cluster_id = @DeploymentId AND s.address = @Address
                      AND s.port = @Port AND s.generation = @Generation)
    RETURNING v.cluster_id),
updated AS (
    UPDATE orleans.cluster_silo s
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM bumped
     WHERE s.cluster_id = bumped.cluster_id AND s.address = @Address
       AND s.port = @Port AND s.generation = @Generation
    RETURNING 1)
SELECT count(*) = 1 AS updated FROM updated$q$),

('UpdateIAmAlivetimeKey', $q$/* orleans:UpdateIAmAlivetimeKey */
UPDATE orleans.cluster_silo
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation$q$),

-- Reads always return at least the version row (outer join): zero rows would throw.
('MembershipReadAllKey', $q$/* orleans:MembershipReadAllKey */
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status",
       s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
       s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
  FROM orleans.cluster_version v
  LEFT JOIN orleans.cluster_silo s ON s.cluster_id = v.cluster_id
 WHERE v.cluster_id = @DeploymentId$q$),

('MembershipReadRowKey', $q$/* orleans:MembershipReadRowKey */
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status",
       s.proxy_port AS "ProxyPort", s.suspect_times AS "SuspectTimes",
       s.start_time AS "StartTime", s.i_am_alive_time AS "IAmAliveTime"
  FROM orleans.cluster_version v
  LEFT JOIN orleans.cluster_silo s
         ON s.cluster_id = v.cluster_id AND s.address = @Address
        AND s.port = @Port AND s.generation = @Generation
 WHERE v.cluster_id = @DeploymentId$q$),

-- Only silos that run a gateway (proxy port > 0) are gateways; the provider does not filter.
('GatewaysQueryKey', $q$/* orleans:GatewaysQueryKey */
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans.cluster_silo
 WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0$q$),

('DeleteMembershipTableEntriesKey', $q$/* orleans:DeleteMembershipTableEntriesKey */
DELETE FROM orleans.cluster_version WHERE cluster_id = @DeploymentId$q$),

-- Dead (6) rows up to the cutoff; `<=` because the cutoff can equal the newest dead row's time
-- after microsecond truncation.
('CleanupDefunctSiloEntriesKey', $q$/* orleans:CleanupDefunctSiloEntriesKey */
DELETE FROM orleans.cluster_silo
 WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time <= @IAmAliveTime$q$),

-- Per-silo cleanup: delete the row only if it is still dead and unchanged since the provider read it.
('CleanupDefunctSiloEntryKey', $q$/* orleans:CleanupDefunctSiloEntryKey */
DELETE FROM orleans.cluster_silo
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND suspect_times IS NOT DISTINCT FROM @SuspectTimes$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
