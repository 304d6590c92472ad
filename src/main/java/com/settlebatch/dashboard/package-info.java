/**
 * The browser dashboard of {@code settle serve} ({@code /ui}): the page, and the two
 * read-only endpoints it needs beyond the REST API (a run's payments per second, the
 * payments that need a person). Reads {@code batches} (and the gateway's codes of an
 * unknown outcome); behind the API's bearer token.
 */
package com.settlebatch.dashboard;
