/**
 * Settle: nightly settlement of payment batches on Spring Batch. Packages by feature;
 * each {@code package-info} says what lives there and what it may use, and
 * {@code PackageGraphTests} keeps the graph free of cycles.
 */
package com.settlebatch;
