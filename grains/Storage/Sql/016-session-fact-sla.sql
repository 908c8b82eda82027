-- SLA breaches in the reports (docs/protocol.md, SLA policy): each session fact counts its breaches of each kind, as
-- the session's clocks record them (grains/Sessions/SessionSla.cs). A session without an SLA policy has none.
ALTER TABLE engagement.session_fact ADD COLUMN IF NOT EXISTS sla_first_response_breaches integer NOT NULL DEFAULT 0;
ALTER TABLE engagement.session_fact ADD COLUMN IF NOT EXISTS sla_next_response_breaches  integer NOT NULL DEFAULT 0;
ALTER TABLE engagement.session_fact ADD COLUMN IF NOT EXISTS sla_resolution_breaches     integer NOT NULL DEFAULT 0;
