-- The client company an interaction's queue serves (outsourcers: one centre, several clients), so that reports can
-- group by it. Null for interactions stored before, and for queues that name no client. No index: the disposition
-- report counts every row of its period through the time index anyway.
ALTER TABLE interactions ADD COLUMN client_id TEXT;
