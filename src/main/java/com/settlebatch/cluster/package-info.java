/**
 * How the settlement step's partitions run: on local threads or over RabbitMQ on other
 * machines (Spring Batch's remote partitioning), the claims that let a partition run once
 * at a time, the watchdog that fails the partitions of a lost worker (and of a run no
 * worker serves), and the database leases that say who is alive. Depends on no other
 * package of the product.
 */
package com.settlebatch.cluster;
