/**
 * The {@code settle} command line (picocli): each command parses, calls one service or
 * job and prints. The one place where a refusal becomes a process exit code
 * ({@link com.settlebatch.cli.ExitCodes}, the README's table). Sits on top: nothing
 * imports it.
 */
package com.settlebatch.cli;
