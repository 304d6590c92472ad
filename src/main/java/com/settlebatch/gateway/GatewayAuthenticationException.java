package com.settlebatch.gateway;

/**
 * The gateway refused our credentials (401). Not a property of any payment: the run stops
 * so that an operator fixes the configuration. The message never contains the token.
 */
public class GatewayAuthenticationException extends RuntimeException {

	public GatewayAuthenticationException(String baseUrl, String correlationId) {
		super("the gateway at " + baseUrl + " refused the configured App-Id/App-Token (401, correlation id "
				+ correlationId + "); check SETTLE_GATEWAY_APP_TOKEN");
	}

}
