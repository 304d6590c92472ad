/**
 * The drop folder: files that appear in {@code input/} are imported once they are
 * complete (quiet, or marked done), through Spring Integration's file inbound adapter and
 * {@code ingest}'s import job, launched by {@code ops}. Each import, and the settlement
 * it starts, is a row of the {@code audit} trail.
 */
package com.settlebatch.drop;
