package com.settlebatch.masking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumbersTests {

	@Test
	void masksLuhnValidCardNumbersToFirstSixAndLastFour() {
		assertThat(CardNumbers.mask("4111111111111111")).isEqualTo("411111******1111");
		assertThat(CardNumbers.mask("card 4111 1111 1111 1111 declined")).isEqualTo("card 411111******1111 declined");
		assertThat(CardNumbers.mask("5500-0000-0000-0004")).isEqualTo("550000******0004");
		assertThat(CardNumbers.mask("378282246310005")).isEqualTo("378282*****0005");
		// Digits right after a card (a CVV, an expiry) do not hide it.
		assertThat(CardNumbers.mask("4111111111111111 12/27")).isEqualTo("411111******1111 12/27");
		assertThat(CardNumbers.mask("4111 1111 1111 1111 123")).isEqualTo("411111******1111 123");
	}

	@Test
	void leavesEverythingElseAlone() {
		assertThat(CardNumbers.mask("4111111111111112")).isEqualTo("4111111111111112");
		assertThat(CardNumbers.mask("acct-1001")).isEqualTo("acct-1001");
		assertThat(CardNumbers.mask("20261121")).isEqualTo("20261121");
		assertThat(CardNumbers.mask(null)).isNull();
		assertThat(CardNumbers.mask("acct 1234567890123 4")).isEqualTo("acct 1234567890123 4");
	}

	@Test
	void aUuidWhoseDigitsPassForACardIsLeftAlone() {
		// 21445 7213 7674 9: fourteen digits, dashes between, Luhn-valid; a batch id, not
		// a card
		assertThat(CardNumbers.luhn("21445721376749")).isTrue();
		assertThat(CardNumbers.mask("already used by batch 01a21445-7213-7674-9a77-45917f43399b"))
			.isEqualTo("already used by batch 01a21445-7213-7674-9a77-45917f43399b");
		assertThat(CardNumbers.mask("card 4111 1111 1111 1111 of batch 01a21445-7213-7674-9a77-45917f43399b"))
			.isEqualTo("card 411111******1111 of batch 01a21445-7213-7674-9a77-45917f43399b");
	}

	@Test
	void aCardNumberIsOneInACardBrandsRangeAloneOrInsideText() {
		assertThat(CardNumbers.containsCardNumber("4111111111111111")).isTrue();
		assertThat(CardNumbers.containsCardNumber("{\"x\":\"card 2223 0000 4840 0011 exp 12/27\"}")).isTrue();
		assertThat(CardNumbers.containsCardNumber("30569309025904")).isTrue();
		// Luhn-valid but no brand starts so: an epoch in milliseconds, another number
		assertThat(CardNumbers.containsCardNumber("1732600000001")).isFalse();
		assertThat(CardNumbers.containsCardNumber("9111111111111110")).isFalse();
		assertThat(CardNumbers.containsCardNumber("4111111111111112")).isFalse();
		assertThat(CardNumbers.containsCardNumber("batch 01a21445-7213-7674-9a77-45917f43399b")).isFalse();
		assertThat(CardNumbers.containsCardNumber(null)).isFalse();
	}

}
