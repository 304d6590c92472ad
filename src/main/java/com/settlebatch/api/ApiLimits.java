package com.settlebatch.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size limits of API requests ({@code settle.api.*}).
 *
 * @param maxBodyBytes the largest request body read; a larger one is refused with 413
 * @param maxPaymentsPerRequest the most payments one {@code POST /batches/{id}/payments}
 * may add
 */
@ConfigurationProperties("settle.api")
record ApiLimits(@DefaultValue("5242880") int maxBodyBytes, @DefaultValue("1000") int maxPaymentsPerRequest) {
}
