package com.settlebatch.gateway;

/**
 * Where the client sends its requests, and the credentials it sends with them. Taken from
 * {@code settle.gateway.*} when {@code base-url} is set; otherwise from a bean of this
 * type, which a gateway started in this process provides (the embedded sandbox, switched
 * on with {@code settle.sandbox.embedded}). This package defines what it needs and never
 * starts a gateway itself. The token and the secret are masked in {@link #toString()}.
 */
public record GatewayEndpoint(String baseUrl, String appToken, String clientSecret) {

	@Override
	public String toString() {
		return "GatewayEndpoint[baseUrl=" + baseUrl + ", appToken=****, clientSecret=****]";
	}

}
