package com.settlebatch;

import picocli.CommandLine;

import com.settlebatch.cli.SettleCommand;

/** {@code settle}: the command line of the settlement product ({@code bin/settle}). */
public final class SettleCli {

	private SettleCli() {
	}

	public static void main(String[] args) {
		System.exit(SettleCommand.execute(args));
	}

}
