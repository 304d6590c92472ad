package com.settlebatch.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who acted, as the trail names them. Never carries a token.
 *
 * @param name the person (token owner, JWT user, OS user), the service account, or
 * {@code settle} for the process itself
 * @param kind {@code PERSON}, {@code SERVICE}, {@code SYSTEM} or {@code ANONYMOUS}
 * @param role viewer, operator or admin; null where roles do not apply (CLI, system)
 * @param host the remote address of a request, the host name of a CLI or system action
 */
public record Actor(String name, String kind, String role, Origin origin, String host) {

	public static final String PERSON = "PERSON";

	public static final String SERVICE = "SERVICE";

	public static final String SYSTEM = "SYSTEM";

	public static final String ANONYMOUS = "ANONYMOUS";

	/**
	 * The person at the terminal: whoever can run {@code settle} on this host can reach
	 * its database directly, so the OS account is the identity that means something.
	 */
	public static Actor commandLine() {
		return new Actor(System.getProperty("user.name", "unknown"), PERSON, null, Origin.CLI, localHost());
	}

	/** The process itself acting on its own schedule (nightly run, file drop). */
	public static Actor system(Origin origin) {
		return new Actor("settle", SYSTEM, null, origin, localHost());
	}

	static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
