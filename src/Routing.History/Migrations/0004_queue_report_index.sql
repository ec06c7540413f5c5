-- The queue report sums a period's interactions per UTC quarter hour of arrival and queue, and its transferring legs per
-- quarter hour of connection and queue. Through the time indexes SQLite sorted the whole period for those GROUP BYs (a
-- temporary B-tree: most of the 2 to 3 s of a month's report over a million interactions) and looked every row up in
-- its table. These indexes are in the grouping's order, quarter hour then queue, and hold every column the report
-- reads, so the database reads one index once, in order, and aggregates as it goes. The quarter hour is the expression
-- the report groups by, filled in per provider by DbUp ($arrival_quarter$, $connection_quarter$: integer microseconds
-- divided in SQLite; in PostgreSQL the epoch of the UTC time, as an index expression may not depend on the session's
-- time zone).
-- ix_interactions_quarter is the one index on interactions kept for a report alone: every interaction pays for it
-- (see the store's README for what it costs ingestion). The legs' index replaces 0003's and, like it, holds only the
-- legs that are transfers, so ordinary legs still cost nothing more to write.
CREATE INDEX ix_interactions_quarter ON interactions
    (tenant_id, ($arrival_quarter$), queue_id, arrived_at, state, wait_ms, answered_at, talk_ms, wrap_up_ms);
CREATE INDEX ix_interaction_legs_transfers_quarter ON interaction_legs
    (tenant_id, ($connection_quarter$), queue_id, connected_at, leg_index, transferred) WHERE leg_index > 0 OR transferred;
DROP INDEX ix_interaction_legs_transfers;
