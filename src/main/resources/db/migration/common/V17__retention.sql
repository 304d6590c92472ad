-- A settled date stays settled after retention has pruned its run's metadata: the
-- settlement refuses a date recorded here whatever BATCH_* still holds (issue 21).
CREATE TABLE settled_date (
    business_date    DATE                     NOT NULL PRIMARY KEY,
    job_execution_id BIGINT                   NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A business date whose closed batches were archived and verified: its rows are removed
-- only once it is here, and a restarted removal finds its work here instead of in files.
CREATE TABLE archived_date (
    business_date    DATE                     NOT NULL PRIMARY KEY,
    manifest_sha256  CHAR(64)                 NOT NULL,
    batches          BIGINT                   NOT NULL,
    payments         BIGINT                   NOT NULL,
    job_execution_id BIGINT                   NOT NULL,
    archived_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    removed_at       TIMESTAMP WITH TIME ZONE
);

-- Finished executions are pruned by their end: without it every run would read the
-- whole execution table to find the old ones.
CREATE INDEX batch_job_exec_end_ix ON BATCH_JOB_EXECUTION (END_TIME);
