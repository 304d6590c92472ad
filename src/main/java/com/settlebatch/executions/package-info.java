/**
 * How executions went: the read model of Spring Batch's metadata tables behind
 * {@code settle status} and {@code /executions}, and the listeners that log each chunk's
 * progress and record why a job failed. Depends on {@code masking} only, so that every
 * job may use its listeners.
 */
package com.settlebatch.executions;
