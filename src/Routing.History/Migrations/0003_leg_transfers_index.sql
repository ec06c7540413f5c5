-- The queue report counts transfers from the legs of its period. Without this index that query read every leg of the
-- tenant through the agent index (1.5 s of a month's report over a million interactions on SQLite); this one holds only
-- the legs that are transfers (about one in ten), so it costs ordinary legs nothing to write.
CREATE INDEX ix_interaction_legs_transfers ON interaction_legs (tenant_id, connected_at) WHERE leg_index > 0 OR transferred;
