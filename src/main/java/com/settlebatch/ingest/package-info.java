/**
 * The import job: CSV and JSON payment files read as streams, each row checked by
 * {@code rules}, bad rows rejected with their line and reason, good ones written through
 * {@code batches}, the file registered once by its SHA-256 and moved to
 * {@code processed/} or {@code failed/}.
 */
package com.settlebatch.ingest;
