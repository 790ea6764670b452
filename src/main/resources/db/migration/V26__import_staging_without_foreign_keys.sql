-- Staged rows belong to their job by construction, and jobs are never deleted: the foreign keys only
-- looked the job up for every staged comment, which doubled the cost of staging one (300,000 rows
-- inserted: 3.7 s with them, 1.7 s without).
alter table import_row drop constraint import_row_job_id_fkey;
alter table import_thread drop constraint import_thread_job_id_fkey;
