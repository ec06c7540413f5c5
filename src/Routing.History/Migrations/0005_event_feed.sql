-- The tenant-wide event feed for CRMs and other systems: one row per fact the store newly kept (an interaction event,
-- an agent state interval started or ended, a supervisor action), appended in the same transaction as the fact, so a
-- fact written twice (a retried batch) appears once. Positions count 1, 2, 3, … per tenant without gaps: the writer
-- appends under a per-tenant lock (PostgreSQL) or the database's single writer (SQLite), so they commit in order.
-- data holds the event's JSON payload (CloudEvents' data).
CREATE TABLE event_feed (
    tenant_id        TEXT     NOT NULL,
    position         BIGINT   NOT NULL,
    type             TEXT     NOT NULL,
    subject          TEXT     NOT NULL,
    at               $time$   NOT NULL,
    data             $json$   NOT NULL,
    PRIMARY KEY (tenant_id, position)
);

-- Webhook subscriptions: where a tenant's feed is POSTed (CloudEvents), with the secret the bodies are signed with and
-- the position delivered so far, so a restarted cluster resumes where it stopped. types is a JSON array of filters.
CREATE TABLE webhook_subscriptions (
    tenant_id          TEXT     NOT NULL,
    subscription_id    TEXT     NOT NULL,
    target_url         TEXT     NOT NULL,
    secret             TEXT     NOT NULL,
    types              $json$   NOT NULL,
    created_at         $time$   NOT NULL,
    delivered_position BIGINT   NOT NULL,
    PRIMARY KEY (tenant_id, subscription_id)
);

-- Events a subscription gave up on after its retries: kept with the last answer, until replayed (then deleted).
CREATE TABLE webhook_dead_letters (
    tenant_id          TEXT     NOT NULL,
    subscription_id    TEXT     NOT NULL,
    position           BIGINT   NOT NULL,
    attempts           INTEGER  NOT NULL,
    last_status        INTEGER  NOT NULL,
    last_error         TEXT     NOT NULL,
    failed_at          $time$   NOT NULL,
    PRIMARY KEY (tenant_id, subscription_id, position)
);
