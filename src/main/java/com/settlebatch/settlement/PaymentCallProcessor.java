package com.settlebatch.settlement;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.settlebatch.batches.Money;
import com.settlebatch.gateway.PaymentCall;

/** Turns a stored payment into the gateway call: exact decimal amount to minor units, stored key kept. */
class PaymentCallProcessor implements ItemProcessor<PendingPayment, PaymentCall> {

	@Override
	public PaymentCall process(PendingPayment payment) {
		return new PaymentCall(payment.id(), payment.uniqueKey(), payment.referenceId(), payment.type(),
				Money.toMinorUnits(payment.amount(), payment.currency()), payment.currency(), payment.accountId(),
				payment.customData(), payment.parentGatewayId());
	}

}
