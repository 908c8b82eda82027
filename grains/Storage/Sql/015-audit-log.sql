-- The audit log (grains/Audit/PostgresAuditLog.cs): one row per admin action that changed something (and, later,
-- supervision actions), written after the action succeeded. Rows are only ever added; GET /api/audit reads them
-- newest first, by id. summary holds field names and harmless values, never secrets or passwords; an erasure keeps
-- only the SHA-256 of the erased contact's id.
CREATE TABLE IF NOT EXISTS engagement.audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor_id     text        NOT NULL,
    actor_role   text        NOT NULL,
    action       text        NOT NULL,
    target_kind  text        NOT NULL,
    target_id    text        NULL,
    summary      jsonb       NOT NULL DEFAULT '{}'
);

-- The filters of the list: by actor, by action, by time; each walks newest first.
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON engagement.audit_log (actor_id, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_action_idx ON engagement.audit_log (action text_pattern_ops, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON engagement.audit_log (at);
