/**
 * The REST API of {@code settle serve}: batches and payments as the USAePay batch API
 * shapes them, and the job executions. Controllers validate with {@code rules}, write
 * through {@code batches}, launch through {@code ops} and read {@code executions};
 * {@link com.settlebatch.api.ApiErrors} turns every refusal into the status a client can
 * act on. Never imports the import job ({@code ingest}) nor the sandbox.
 */
package com.settlebatch.api;
