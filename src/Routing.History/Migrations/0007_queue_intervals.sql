-- Queue interval aggregates, kept at ingestion: per tenant, UTC quarter hour and queue, what the queue report sums.
-- The month's report of every queue over a million interactions evaluated ten aggregates over a million entries of
-- ix_interactions_quarter (0.6 to 1.2 s on SQLite, growing with the data); it now sums one row per queue and quarter hour
-- (about 30,000 for that month) and reads the interactions only where the rows cannot answer (see the store's README).
-- The writers add an interaction here in the transaction that first stores its final version (its transferring legs
-- too), once whatever order and repetitions its versions arrive in: queue_interval_members holds the key of every
-- interaction counted, and only the write that inserts an interaction's key adds it (a unique key decides, so writers
-- need no other lock). The retention purge deletes the keys with their interactions and the rows before its cut-off,
-- and rebuilds the quarter hours it cuts through. Interactions count by quarter hour of arrival, legs by quarter
-- hour of connection, as the report counts them. answered_within_Ns and abandoned_within_Ns keep the counts for the
-- service-level and short-abandon thresholds contact centres use (thresholds are report parameters); abandoned counts
-- every abandon, short ones included.
-- The fill below computes the rows from the interactions already stored (a DbUp variable: the same SQL the
-- purge rebuilds with: Schema/QueueIntervals.Fill).
CREATE TABLE queue_intervals (
    tenant_id TEXT NOT NULL,
    quarter BIGINT NOT NULL,
    queue_id TEXT NOT NULL,
    offered BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    handled BIGINT NOT NULL,
    abandoned BIGINT NOT NULL,
    overflowed BIGINT NOT NULL,
    answered_wait_ms BIGINT NOT NULL,
    handle_ms BIGINT NOT NULL,
    longest_wait_ms BIGINT NOT NULL,
    answered_within_5s BIGINT NOT NULL,
    answered_within_10s BIGINT NOT NULL,
    answered_within_15s BIGINT NOT NULL,
    answered_within_20s BIGINT NOT NULL,
    answered_within_25s BIGINT NOT NULL,
    answered_within_30s BIGINT NOT NULL,
    answered_within_40s BIGINT NOT NULL,
    answered_within_45s BIGINT NOT NULL,
    answered_within_60s BIGINT NOT NULL,
    answered_within_90s BIGINT NOT NULL,
    answered_within_120s BIGINT NOT NULL,
    answered_within_180s BIGINT NOT NULL,
    answered_within_300s BIGINT NOT NULL,
    abandoned_within_2s BIGINT NOT NULL,
    abandoned_within_3s BIGINT NOT NULL,
    abandoned_within_5s BIGINT NOT NULL,
    abandoned_within_8s BIGINT NOT NULL,
    abandoned_within_10s BIGINT NOT NULL,
    abandoned_within_15s BIGINT NOT NULL,
    abandoned_within_20s BIGINT NOT NULL,
    abandoned_within_30s BIGINT NOT NULL,
    transferred_in BIGINT NOT NULL,
    transferred_out BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, quarter, queue_id)
);
CREATE TABLE queue_interval_members (
    tenant_id TEXT NOT NULL,
    interaction_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, interaction_id)
)$without_rowid$;
INSERT INTO queue_interval_members (tenant_id, interaction_id)
    SELECT tenant_id, interaction_id FROM interactions WHERE state IN ('Completed', 'Abandoned', 'Overflowed', 'Rejected');
$queue_intervals_fill$;
