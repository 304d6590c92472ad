package com.settlebatch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.auth}: the optional machine account and the optional identity provider.
 *
 * @param serviceAccount one shared token for a machine (a scheduler, a pipeline), never
 * for people; it acts under its own name and role and shows as such in the audit
 * @param jwt the company's identity provider, whose JWTs sign people in
 */
@ConfigurationProperties("settle.auth")
record AuthProperties(@DefaultValue ServiceAccount serviceAccount, @DefaultValue Jwt jwt) {

	/**
	 * @param token unset: no service account; never logged nor audited
	 */
	record ServiceAccount(String token, @DefaultValue("service") String name, @DefaultValue("operator") String role) {

		boolean enabled() {
			return token != null && !token.isBlank();
		}

		@Override
		public String toString() {
			return "ServiceAccount[name=" + name + ", role=" + role + ", token=" + (enabled() ? "****" : "none") + "]";
		}

	}

	/**
	 * @param issuerUri the provider's issuer: its keys are found through its OpenID
	 * configuration, and tokens must name it
	 * @param jwkSetUri the provider's keys directly, when there is no discovery
	 * @param userClaim who the person is; {@code sub} when the token lacks it
	 * @param rolesClaim where the roles are (a list or a space-separated string; a dotted
	 * path such as {@code realm_access.roles} reaches into an object)
	 */
	record Jwt(String issuerUri, String jwkSetUri, @DefaultValue("preferred_username") String userClaim,
			@DefaultValue("roles") String rolesClaim) {

		boolean enabled() {
			return present(issuerUri) || present(jwkSetUri);
		}

		private static boolean present(String value) {
			return value != null && !value.isBlank();
		}

	}

}
