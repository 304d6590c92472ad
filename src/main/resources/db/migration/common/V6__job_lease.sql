-- Leases that let exactly one node start, restart or recover a job instance (e.g. the settlement
-- of one business date). Spring Batch 6 does not guard concurrent restarts of one execution, and
-- a node killed mid-run leaves its execution STARTED; a lease that expires tells the others the
-- owner is gone. Taken with a conditional UPDATE (or the INSERT of a first lease), released by
-- shortening locked_until.
CREATE TABLE job_lease (
    lease_key    VARCHAR(200) NOT NULL PRIMARY KEY,
    owner        VARCHAR(200) NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
