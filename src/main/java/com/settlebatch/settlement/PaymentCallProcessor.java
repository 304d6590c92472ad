package com.settlebatch.settlement;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.settlebatch.batches.Money;
import com.settlebatch.gateway.PaymentCall;

/**
 * Turns a stored payment into the gateway call: exact decimal amount to minor units,
 * stored key kept. A payment that is final already (read again after a restart) is
 * filtered out: it is never sent twice.
 */
class PaymentCallProcessor implements ItemProcessor<PendingPayment, PaymentCall> {

	@Override
	public PaymentCall process(PendingPayment payment) {
		if (!payment.stillPending()) {
			return null;
		}
		return new PaymentCall(payment.id(), payment.uniqueKey(), payment.referenceId(), payment.type(),
				Money.toMinorUnits(payment.amount(), payment.currency()), payment.currency(), payment.accountId(),
				payment.customData(), payment.parentGatewayId());
	}

}
