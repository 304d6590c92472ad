package com.settlebatch.gateway;

/**
 * The gateway refused a request as a whole (a wrong URL, a proxy, a malformed request:
 * 404, 405, 415, a request-level 400...). Not a decline of any payment, which must come
 * per payment with the protocol's error body: the run stops so that an operator fixes it,
 * and nothing is marked DECLINED by mistake.
 */
public class GatewayRequestRejectedException extends RuntimeException {

	public GatewayRequestRejectedException(String url, int status, String correlationId) {
		super("the gateway refused the request to " + url + " as a whole (HTTP " + status + ", correlation id "
				+ correlationId + "); check settle.gateway.base-url and the gateway protocol; no payment was declined");
	}

}
