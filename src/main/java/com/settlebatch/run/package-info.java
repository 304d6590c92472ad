/**
 * The main use case behind {@code settle run}: import every waiting file, drain the
 * inbox, settle the date and report the closed batches, as a service that returns its
 * result.
 */
package com.settlebatch.run;
