/**
 * The settlement run's report files: for each batch the run closed, one CSV of its
 * payments, and one {@code summary.json} per business date, written under
 * {@code settle.reports.folder} by the job's last step. Reads {@code payment_batch} and
 * {@code payment} through its own queries, never writes them; uses {@code batches} (money
 * scales), {@code rules} (formula-looking cells) and {@code masking}.
 */
package com.settlebatch.reports;
