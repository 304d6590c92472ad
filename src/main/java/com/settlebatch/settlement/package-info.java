/**
 * The settlement job, in run order: claim the SUBMITTED batches of the date, settle their
 * payments against the gateway in chunks (partitioned, with retry and skip), resolve
 * dependent payments in further passes, close the finished batches. Uses {@code gateway},
 * {@code batches}, {@code cluster} and {@code executions}' listeners; launched by
 * {@code ops}.
 */
package com.settlebatch.settlement;
