/**
 * The browser dashboard of {@code settle serve} ({@code /ui}): the page, and the two
 * read-only endpoints it needs beyond the REST API (a run's payments per second, the
 * payments that need a person). Reads {@code batches} (and the gateway's codes of an
 * unknown outcome); behind the API's bearer token. What the page offers follows the
 * person's role ({@code GET /me} of {@code security}).
 */
package com.settlebatch.dashboard;
