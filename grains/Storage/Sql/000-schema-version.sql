-- Migration record. Applied first, on every start, under the migrator's advisory lock.
-- Each row names one script of grains/Storage/Sql and the checksum of the text that was applied;
-- a script whose checksum is already recorded is skipped, a new or changed one is (re)applied.
-- Every script is idempotent, so re-applying one is always safe.
CREATE SCHEMA IF NOT EXISTS engagement;

CREATE TABLE IF NOT EXISTS engagement.schema_version (
    script      text        PRIMARY KEY,
    checksum    text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text        NOT NULL
);
