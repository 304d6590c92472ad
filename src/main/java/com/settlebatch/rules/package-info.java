/**
 * The field rules of batches and payments, one set for every entry point: imported files
 * and the inbox (through the import's {@code PaymentRowValidator}) and the REST API.
 * Plain methods that return the {@link com.settlebatch.rules.FieldProblem}s they find,
 * named as the sender spells the field. Uses {@code json} and {@code masking} only: no
 * Spring, no Spring Batch, no entry point.
 */
package com.settlebatch.rules;
