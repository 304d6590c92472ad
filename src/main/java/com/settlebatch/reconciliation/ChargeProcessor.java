package com.settlebatch.reconciliation;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.settlebatch.gateway.GatewayCharge;

/**
 * Turns a listed charge into a staged one: minor units into the currency's major units. A
 * row whose status is no charge (a report file's {@code failed}, say) is filtered
 * ({@code FILTER_COUNT}); a row that cannot be read fails the step naming its line,
 * because a gateway's file with a broken row cannot be trusted for the others either.
 */
class ChargeProcessor implements ItemProcessor<ListedCharge, StagedCharge> {

	static final Set<String> CHARGED = Set.of("completed", "pending");

	@Override
	public StagedCharge process(ListedCharge listed) {
		GatewayCharge charge = listed.charge();
		if (!CHARGED.contains(charge.status())) {
			return null;
		}
		if (charge.gatewayId() == null && charge.uniqueKey() == null) {
			throw new UnreadableChargeException(
					"charge " + listed.line() + " has neither a gateway id nor a unique key: it cannot be matched");
		}
		return new StagedCharge(listed.line(), charge.gatewayId(), charge.uniqueKey(), charge.referenceId(),
				charge.accountId(), BigDecimal.valueOf(charge.amountMinor(), digits(listed.line(), charge.currency())),
				charge.currency(), charge.status(), charge.createdAt());
	}

	private static int digits(long line, String currency) {
		try {
			int digits = Currency.getInstance(currency).getDefaultFractionDigits();
			return Math.max(digits, 0);
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new UnreadableChargeException("charge " + line + ": '" + currency + "' is not an ISO 4217 currency");
		}
	}

}
