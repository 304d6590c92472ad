-- The client's sliding windows of the gateway's three throttles (app, endpoint, account), shared by
-- every node that settles against the gateway: the gateway gives the app one budget, whichever
-- process sends. Used on PostgreSQL (settle.gateway.throttle.windows: auto or database); on H2 the
-- windows stay in the process unless configured otherwise.
--
-- A taker locks its app's row of gateway_throttle_lock, reads the database's clock, deletes the
-- slots that left the window, counts each scope's slots and inserts one per scope when all have
-- room, then commits: one short transaction, never held while anyone waits. A request's slots are
-- inserted in flight (ends_at = a deadline: the latest the gateway can have received it) and
-- stamped with the database's clock when its answer is back (ends_at = then, in_flight false); a
-- slot counts while ends_at is within the window, or while it is in flight before its deadline.
CREATE TABLE gateway_throttle_lock (
    app_id VARCHAR(200) NOT NULL PRIMARY KEY
);

-- scope: 'app', 'endpoint POST /payments', 'endpoint POST /batch/create', 'account <account id>'.
CREATE TABLE gateway_throttle_slot (
    permit_id VARCHAR(36)              NOT NULL,
    scope     VARCHAR(200)             NOT NULL,
    app_id    VARCHAR(200)             NOT NULL,
    ends_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    in_flight BOOLEAN                  NOT NULL,
    PRIMARY KEY (permit_id, scope)
);

CREATE INDEX gateway_throttle_slot_scope_ix ON gateway_throttle_slot (app_id, scope, ends_at);
CREATE INDEX gateway_throttle_slot_ends_ix ON gateway_throttle_slot (app_id, ends_at);
