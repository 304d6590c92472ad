/**
 * Batches and their payments: the lifecycle (DRAFT, SUBMITTED, PROCESSING, CLOSED,
 * CANCELLED), closing with the merchant's next gap-free batchnum, and the queries behind
 * the batch lists. {@link com.settlebatch.batches.BatchRepository} is the one writer of
 * {@code payment_batch}, {@link com.settlebatch.batches.PaymentRepository} of
 * {@code payment}; between them they mint every id and Unique-Key. Depends on
 * {@code masking}, on {@code audit} for the row each hand-made change commits with, and
 * on {@code sql} for PostgreSQL's {@code COPY}.
 */
package com.settlebatch.batches;
