-- Spring Batch's schema has foreign keys without indexes; status queries join on them.
CREATE INDEX batch_job_exec_instance_ix ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
CREATE INDEX batch_job_exec_params_ix ON BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID);
CREATE INDEX batch_step_exec_job_ix ON BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);
