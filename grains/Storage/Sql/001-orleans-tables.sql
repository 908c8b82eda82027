-- Tables for the Orleans ADO.NET providers (clustering, grain storage, reminders), written for
-- this project from docs/orleans-adonet-contract.md. The providers only depend on the table
-- `orleansquery` (found through the connection's search_path) and on the result column names of
-- the query texts in 002-004; the layout below is our own.
CREATE SCHEMA IF NOT EXISTS orleans;

-- Query texts, read once by each provider at start-up (a change needs a silo restart).
CREATE TABLE IF NOT EXISTS orleans.orleansquery (
    querykey   text PRIMARY KEY,
    querytext  text NOT NULL
);

-- Membership: one version row per cluster (the optimistic lock of the whole table) ...
CREATE TABLE IF NOT EXISTS orleans.cluster_version (
    cluster_id  text        PRIMARY KEY,
    version     integer     NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- ... and one row per silo incarnation. Deleting the version row deletes the cluster's silos.
CREATE TABLE IF NOT EXISTS orleans.cluster_silo (
    cluster_id       text        NOT NULL REFERENCES orleans.cluster_version (cluster_id) ON DELETE CASCADE,
    address          text        NOT NULL,
    port             integer     NOT NULL,
    generation       integer     NOT NULL,
    silo_name        text        NOT NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,
    proxy_port       integer     NOT NULL DEFAULT 0,
    suspect_times    text        NULL,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Grain state. The record identity is (service, state name, n0, n1, key extension); the extension
-- may be NULL or very long, so the key holds a digest of it (see orleans.grain_key_digest).
-- The two 32-bit hashes the provider sends collide and are kept for diagnostics only.
CREATE TABLE IF NOT EXISTS orleans.grain_state (
    service_id   text        NOT NULL,
    state_name   text        NOT NULL,
    n0           bigint      NOT NULL,
    n1           bigint      NOT NULL,
    key_digest   bytea       NOT NULL,
    key_ext      text        NULL,
    id_hash      integer     NOT NULL,
    type_hash    integer     NOT NULL,
    payload      bytea       NULL,
    version      integer     NOT NULL,
    modified_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, n0, n1, key_digest)
);

-- NULL and '' must differ, and any length must fit a btree key: a marker byte for NULL,
-- otherwise the SHA-256 of the UTF-8 text (32 bytes).
CREATE OR REPLACE FUNCTION orleans.grain_key_digest(key_ext text) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN key_ext IS NULL THEN '\x00'::bytea ELSE sha256(convert_to(key_ext, 'UTF8')) END;

-- Reminders. The grain hash is a uint reinterpreted as a signed int; ring-range reads use it.
CREATE TABLE IF NOT EXISTS orleans.grain_reminder (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint      NOT NULL,
    grain_hash     integer     NOT NULL,
    version        integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS grain_reminder_hash_idx ON orleans.grain_reminder (service_id, grain_hash);
