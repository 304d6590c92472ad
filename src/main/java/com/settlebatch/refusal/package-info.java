/**
 * An operation refused, by kind (not found, conflict, bad input, failed), with no process
 * exit code or HTTP status in it: the command line and the API each map the kinds.
 * Depends on nothing.
 */
package com.settlebatch.refusal;
