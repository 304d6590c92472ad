/**
 * The drop folder: files that appear in {@code input/} are imported once they are
 * complete (quiet, or marked done), through Spring Integration's file inbound adapter and
 * {@code ingest}'s import job, launched by {@code ops}.
 */
package com.settlebatch.drop;
