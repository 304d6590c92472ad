-- A partition's lease is kept only while its partition runs: its worker deletes it when the
-- partition ends (a released lease and a missing one mean the same: nobody holds it). Earlier
-- versions left every released partition lease behind, a row per partition ever run.
DELETE FROM job_lease WHERE lease_key LIKE 'partition:%' AND owner LIKE 'released:%';
