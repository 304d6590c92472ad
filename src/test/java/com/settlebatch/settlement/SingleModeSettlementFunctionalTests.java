package com.settlebatch.settlement;

import org.springframework.test.context.TestPropertySource;

/**
 * Every settlement scenario again with one {@code POST /payments} per payment instead of
 * {@code /batch/create}: the two gateway modes must give identical outcomes for the same
 * input.
 */
@TestPropertySource(properties = "settle.gateway.mode=single")
class SingleModeSettlementFunctionalTests extends SettlementJobFunctionalTests {

}
