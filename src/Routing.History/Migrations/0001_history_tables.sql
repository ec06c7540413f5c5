-- History store, first version. One script for both providers: DbUp fills in the column types that differ
-- (HistoryMigrator): time = INTEGER (microseconds since 1970-01-01 UTC) in SQLite, TIMESTAMPTZ in PostgreSQL;
-- json = TEXT / JSONB; bool = INTEGER / BOOLEAN. Durations are milliseconds, enums are kept by name.
-- No foreign keys: facts may arrive in any order.

CREATE TABLE interactions (
    tenant_id        TEXT     NOT NULL,
    interaction_id   TEXT     NOT NULL,
    version          BIGINT   NOT NULL,
    channel          TEXT     NOT NULL,
    state            TEXT     NOT NULL,
    queue_id         TEXT     NOT NULL,
    queues           $json$   NOT NULL,
    entry_point      TEXT,
    attributes       $json$   NOT NULL,
    customer_id      TEXT,
    arrived_at       $time$   NOT NULL,
    first_offered_at $time$,
    answered_at      $time$,
    ended_at         $time$,
    wrap_up_ended_at $time$,
    agent_id         TEXT,
    agents           $json$   NOT NULL,
    wait_ms          BIGINT   NOT NULL,
    talk_ms          BIGINT   NOT NULL,
    wrap_up_ms       BIGINT   NOT NULL,
    disposition_code TEXT,
    disposition_note TEXT,
    end_cause        TEXT,
    transfers        INTEGER  NOT NULL,
    PRIMARY KEY (tenant_id, interaction_id)
);
-- Indexes are what ingestion pays for (each one costs every write), so each serves a report or a search:
-- a period (reports by time, and by disposition code: they count every row of the period anyway), a queue, a
-- customer, and the interactions that were not completed (abandoned, overflowed, rejected, still open). By agent:
-- ix_interaction_legs_agent, which finds every agent who handled it, not just the last.
CREATE INDEX ix_interactions_arrived ON interactions (tenant_id, arrived_at);
CREATE INDEX ix_interactions_queue ON interactions (tenant_id, queue_id, arrived_at);
CREATE INDEX ix_interactions_customer ON interactions (tenant_id, customer_id, arrived_at) WHERE customer_id IS NOT NULL;
CREATE INDEX ix_interactions_unserved ON interactions (tenant_id, state, arrived_at) WHERE state <> 'Completed';

CREATE TABLE interaction_legs (
    tenant_id        TEXT     NOT NULL,
    interaction_id   TEXT     NOT NULL,
    leg_index        INTEGER  NOT NULL,
    version          BIGINT   NOT NULL,
    agent_id         TEXT     NOT NULL,
    queue_id         TEXT     NOT NULL,
    offered_at       $time$,
    connected_at     $time$   NOT NULL,
    ended_at         $time$,
    wrap_up_ended_at $time$,
    transferred      $bool$   NOT NULL,
    disposition_code TEXT,
    disposition_note TEXT,
    PRIMARY KEY (tenant_id, interaction_id, leg_index)
);
CREATE INDEX ix_interaction_legs_agent ON interaction_legs (tenant_id, agent_id, connected_at);

CREATE TABLE interaction_events (
    tenant_id        TEXT     NOT NULL,
    interaction_id   TEXT     NOT NULL,
    sequence         BIGINT   NOT NULL,
    at               $time$   NOT NULL,
    kind             TEXT     NOT NULL,
    status           TEXT     NOT NULL,
    queue_id         TEXT     NOT NULL,
    agent_id         TEXT,
    detail           TEXT,
    PRIMARY KEY (tenant_id, interaction_id, sequence)
);
CREATE INDEX ix_interaction_events_at ON interaction_events (tenant_id, at);

CREATE TABLE agent_state_intervals (
    tenant_id        TEXT     NOT NULL,
    agent_id         TEXT     NOT NULL,
    sequence         BIGINT   NOT NULL,
    started_at       $time$   NOT NULL,
    ended_at         $time$,
    presence         TEXT     NOT NULL,
    reason           TEXT,
    load_voice       INTEGER  NOT NULL,
    load_chat        INTEGER  NOT NULL,
    load_email       INTEGER  NOT NULL,
    load_message     INTEGER  NOT NULL,
    load_callback    INTEGER  NOT NULL,
    cause            TEXT     NOT NULL,
    interaction_id   TEXT,
    PRIMARY KEY (tenant_id, agent_id, sequence)
);
CREATE INDEX ix_agent_state_intervals_started ON agent_state_intervals (tenant_id, started_at);
CREATE INDEX ix_agent_state_intervals_agent ON agent_state_intervals (tenant_id, agent_id, started_at);

CREATE TABLE supervisor_actions (
    tenant_id        TEXT     NOT NULL,
    action_id        TEXT     NOT NULL,
    supervisor_id    TEXT     NOT NULL,
    action           TEXT     NOT NULL,
    target_kind      TEXT     NOT NULL,
    target_id        TEXT     NOT NULL,
    at               $time$   NOT NULL,
    detail           TEXT,
    PRIMARY KEY (tenant_id, action_id)
);
CREATE INDEX ix_supervisor_actions_at ON supervisor_actions (tenant_id, at);
CREATE INDEX ix_supervisor_actions_supervisor ON supervisor_actions (tenant_id, supervisor_id, at);
CREATE INDEX ix_supervisor_actions_target ON supervisor_actions (tenant_id, target_kind, target_id, at);
