-- The baseline tables of the import benchmarks: the product's `payment` shape (PK, FK to a batch
-- table, both unique constraints, its secondary index, uuid defaults) that bench/copy-baseline.sh
-- (psql \copy into PostgreSQL) and bench/H2CopyBaseline.java (CSVREAD into H2, in its PostgreSQL
-- mode, which reads this same text) load a benchmark CSV into. One file, so the two baselines
-- cannot drift apart.

-- The batches the FK points at, loaded before the timed copy (the import writes them too, one per batch).
CREATE TABLE payment_batch (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    merchant_id VARCHAR(64)  NOT NULL
);
-- src/main/resources/db/migration/common/V2__settlement_schema.sql's payment, with defaults for
-- what the file does not carry; batch_id holds the file's batch_external_id.
CREATE SEQUENCE payment_seq;
CREATE TABLE payment (
    id             VARCHAR(36)    DEFAULT gen_random_uuid()::text NOT NULL PRIMARY KEY,
    batch_id       VARCHAR(36)    NOT NULL REFERENCES payment_batch (id),
    seq            INTEGER        DEFAULT nextval('payment_seq') NOT NULL,
    reference_id   VARCHAR(255)   NOT NULL,
    type           VARCHAR(16)    NOT NULL,
    amount         NUMERIC(18, 3) NOT NULL,
    currency       CHAR(3)        NOT NULL,
    account_id     VARCHAR(64)    NOT NULL,
    depends_on     VARCHAR(255),
    custom_data    VARCHAR(10240),
    unique_key     VARCHAR(64)    DEFAULT gen_random_uuid()::text NOT NULL,
    status         VARCHAR(16)    DEFAULT 'PENDING' NOT NULL,
    attempts       INTEGER        DEFAULT 0 NOT NULL,
    gateway_id     VARCHAR(64),
    http_status    INTEGER,
    error_code     VARCHAR(64),
    error_message  VARCHAR(500),
    correlation_id VARCHAR(100),
    first_sent_at  TIMESTAMP WITH TIME ZONE,
    settled_at     TIMESTAMP WITH TIME ZONE,
    updated_at     TIMESTAMP WITH TIME ZONE,
    source_line    BIGINT,
    CONSTRAINT payment_reference_uk UNIQUE (batch_id, reference_id),
    CONSTRAINT payment_unique_key_uk UNIQUE (unique_key)
);
-- The product's secondary index (V2's (status, batch_id); V10 dropped (batch_id, status)).
CREATE INDEX payment_by_status_ix ON payment (status, batch_id);
