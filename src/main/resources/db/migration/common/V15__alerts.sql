-- The alerts outbox. An event is written in the transaction that causes it, under a stable id
-- that names what happened (missed-start:2026-12-06, run-failed:42): recorded twice, by a retry
-- or by several nodes that saw the same thing, it is still one event. Its body is the JSON sent
-- to the webhook, fixed when recorded so that every retry sends the same bytes.
CREATE TABLE alert_event (
    id         VARCHAR(200)   NOT NULL PRIMARY KEY,
    event_type VARCHAR(60)    NOT NULL,
    summary    VARCHAR(500)   NOT NULL,
    body       VARCHAR(65536) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alert_event_created_ix ON alert_event (created_at);

-- One row per event and channel configured when it was recorded: PENDING until delivered
-- (DELIVERED), given up after the last attempt (GAVE_UP) or its endpoint answered 410 Gone
-- (DISABLED). Kept after delivery with its attempts and last error. next_attempt_at is also the
-- claim: a node pushes it forward before it sends, so two nodes never send one row at once, and
-- a node killed while sending leaves the row due again once the claim runs out.
CREATE TABLE alert_delivery (
    event_id        VARCHAR(200) NOT NULL REFERENCES alert_event (id),
    channel         VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      DEFAULT 0 NOT NULL,
    last_error      VARCHAR(500),
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (event_id, channel)
);
CREATE INDEX alert_delivery_due_ix ON alert_delivery (status, next_attempt_at);

-- Webhook endpoints that answered 410 Gone: no more deliveries go there. Keyed by the SHA-256 of
-- the URL, which may carry a token in its path and so is never stored.
CREATE TABLE alert_endpoint (
    url_sha256  CHAR(64)     NOT NULL PRIMARY KEY,
    disabled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(200) NOT NULL
);
