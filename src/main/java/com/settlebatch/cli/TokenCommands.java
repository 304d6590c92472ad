package com.settlebatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.settlebatch.audit.Actor;
import com.settlebatch.security.ApiTokens;

/**
 * {@code settle token}: people's API tokens. Whoever can run {@code settle} here can
 * reach the database, so the CLI needs no token of its own; each change is audited under
 * the OS user.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke people's API tokens.",
		subcommands = { TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class })
final class TokenCommands implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(spec.commandLine(), "create, list or revoke is required");
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = "Make a token for one person and print it once; only its hash is kept.")
	static class Create implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--user", required = true, description = "Whose token: the name the audit trail shows.")
		String user;

		@Option(names = "--role", required = true, description = "viewer, operator or admin.")
		String role;

		@Option(names = "--expires", defaultValue = "90d",
				description = "How long it signs in: 90d, 12h or never (default ${DEFAULT-VALUE}).")
		String expires;

		@Override
		public Integer call() {
			ApiTokens.NewToken token = AppContext.query(ApiTokens.class)
				.create(user, role, expires, Actor.commandLine());
			PrintWriter out = spec.commandLine().getOut();
			if (output.json) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("id", token.id());
				json.put("user", token.user());
				json.put("role", token.role());
				json.put("expires", token.expires() == null ? null : token.expires().toString());
				json.put("token", token.token());
				output.json(out, json);
			}
			else {
				out.println("token " + token.id() + " for " + token.user() + " (" + token.role() + "), expires "
						+ (token.expires() == null ? "never" : token.expires()) + ":");
				out.println(token.token());
				out.println("Shown once: only its hash is kept. Send it as Authorization: Bearer <token>.");
			}
			return ExitCodes.DONE;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Every token, without its secret.")
	static class ListTokens implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Override
		public Integer call() {
			List<ApiTokens.TokenInfo> tokens = AppContext.query(ApiTokens.class).list();
			PrintWriter out = spec.commandLine().getOut();
			if (output.json) {
				output.json(out, tokens);
				return ExitCodes.DONE;
			}
			List<List<Object>> rows = new ArrayList<>();
			for (ApiTokens.TokenInfo token : tokens) {
				rows.add(List.of(token.id(), token.user(), token.role(), token.status(), token.created(),
						token.createdBy(), token.expires() == null ? "never" : token.expires()));
			}
			OutputOptions.table(out, List.of("ID", "USER", "ROLE", "STATUS", "CREATED", "BY", "EXPIRES"), rows);
			return ExitCodes.DONE;
		}

	}

	@Command(name = "revoke", mixinStandardHelpOptions = true,
			description = "Revoke a token: it signs nobody in from now on.")
	static class Revoke implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID", description = "The token's id (settle token list).")
		String id;

		@Override
		public Integer call() {
			AppContext.query(ApiTokens.class).revoke(id, Actor.commandLine());
			spec.commandLine().getOut().println("token " + id + " revoked");
			return ExitCodes.DONE;
		}

	}

}
