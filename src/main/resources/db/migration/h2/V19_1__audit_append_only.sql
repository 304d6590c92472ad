-- The audit trail is append-only on H2 too, as on PostgreSQL (postgresql/V16_1): even the
-- application cannot rewrite or remove a row. H2 runs a trigger as a Java class.
CREATE TRIGGER audit_event_no_change BEFORE UPDATE, DELETE ON audit_event
    FOR EACH ROW CALL 'com.settlebatch.audit.AppendOnlyTrigger';

-- H2 has no TRUNCATE trigger, but refuses to truncate a table that another table's foreign
-- key references. This table holds no row and exists only for that.
CREATE TABLE audit_event_truncate_guard (
    audit_event_id BIGINT REFERENCES audit_event (id)
);
