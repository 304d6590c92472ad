package com.settlebatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the real launcher as a shell sees it: the exit code, what it printed and
 * what it complained.
 */
record SettleRun(int exit, String out, String err) {

	static SettleRun of(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = SettleCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new SettleRun(exit, out.toString(), err.toString());
	}

}
