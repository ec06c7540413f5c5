-- Personal data (the tenant's personal data policy, applied by the recorder before it writes): the customer's number or
-- address and the callback number, stored masked ("•••••••0123"), or masked with the full values encrypted in
-- personal_secret (AES-GCM with the tenant's key, key id included), or as given when the tenant chose plain. Equality
-- searches go through keyed hashes (HMAC with the tenant's key) of the normalised number and, when the policy protects
-- it, of the customer id, so neither needs to be stored in the clear. A callback request's number in the timeline is
-- protected the same way (interaction_events.personal_secret).
-- The hash indexes are partial: rows without a hash (no number, no key) cost them nothing.
ALTER TABLE interactions ADD COLUMN customer_number TEXT;
ALTER TABLE interactions ADD COLUMN callback_number TEXT;
ALTER TABLE interactions ADD COLUMN customer_number_hash TEXT;
ALTER TABLE interactions ADD COLUMN customer_id_hash TEXT;
ALTER TABLE interactions ADD COLUMN personal_secret TEXT;
ALTER TABLE interaction_events ADD COLUMN personal_secret TEXT;
CREATE INDEX ix_interactions_customer_number ON interactions (tenant_id, customer_number_hash, arrived_at) WHERE customer_number_hash IS NOT NULL;
CREATE INDEX ix_interactions_customer_id_hash ON interactions (tenant_id, customer_id_hash, arrived_at) WHERE customer_id_hash IS NOT NULL;
