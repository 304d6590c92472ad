package com.settlebatch.security;

import java.util.Locale;

import com.settlebatch.refusal.RefusedException;

/**
 * The roles, each including the ones before it: an operator may do all a viewer may, an
 * admin all an operator may. The order here is the role hierarchy.
 */
public enum Role {

	VIEWER, OPERATOR, ADMIN;

	/** As people type and read it: {@code viewer}, {@code operator}, {@code admin}. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	String authority() {
		return "ROLE_" + name();
	}

	boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

	public static Role of(String word) {
		for (Role role : values()) {
			if (role.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
				return role;
			}
		}
		throw new RefusedException(RefusedException.Kind.BAD_INPUT,
				"role must be viewer, operator or admin, not '" + word + "'");
	}

	/** The role an authority names, or null for any other authority. */
	static Role ofAuthority(String authority) {
		for (Role role : values()) {
			if (role.authority().equals(authority)) {
				return role;
			}
		}
		return null;
	}

}
