package com.settlebatch.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.settlebatch.batches.BatchLifecycle;
import com.settlebatch.batches.BatchListFilter;
import com.settlebatch.batches.BatchNotFoundException;
import com.settlebatch.batches.BatchQueries;
import com.settlebatch.batches.BatchStatus;
import com.settlebatch.batches.BatchSummary;
import com.settlebatch.batches.IllegalBatchTransitionException;
import com.settlebatch.batches.PaymentStatus;
import com.settlebatch.refusal.RefusedException;

/**
 * Batches and payments: the USAePay-style list, one batch, its payments, and the hand
 * lifecycle.
 */
final class BatchCommands {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private BatchCommands() {
	}

	@Command(name = "batches", mixinStandardHelpOptions = true,
			description = "List batches, newest first, with the total.")
	static class Batches implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
		int limit;

		@Option(names = "--offset", defaultValue = "0", description = "Skip this many.")
		int offset;

		@Option(names = "--openedlt", converter = YyyyMmDd.class, description = "Opened before YYYYmmdd.")
		LocalDate openedLt;

		@Option(names = "--openedgt", converter = YyyyMmDd.class, description = "Opened after YYYYmmdd.")
		LocalDate openedGt;

		@Option(names = "--openedle", converter = YyyyMmDd.class, description = "Opened on or before YYYYmmdd.")
		LocalDate openedLe;

		@Option(names = "--openedge", converter = YyyyMmDd.class, description = "Opened on or after YYYYmmdd.")
		LocalDate openedGe;

		@Option(names = "--closedlt", converter = YyyyMmDd.class, description = "Closed before YYYYmmdd.")
		LocalDate closedLt;

		@Option(names = "--closedgt", converter = YyyyMmDd.class, description = "Closed after YYYYmmdd.")
		LocalDate closedGt;

		@Option(names = "--closedle", converter = YyyyMmDd.class, description = "Closed on or before YYYYmmdd.")
		LocalDate closedLe;

		@Option(names = "--closedge", converter = YyyyMmDd.class, description = "Closed on or after YYYYmmdd.")
		LocalDate closedGe;

		@Option(names = "--merchant", description = "Only this merchant.")
		String merchant;

		@Option(names = "--status", description = "Only this status: ${COMPLETION-CANDIDATES}.")
		BatchStatus status;

		@Override
		public Integer call() {
			if (limit < 1 || limit > 1000 || offset < 0) {
				throw new RefusedException(RefusedException.Kind.BAD_INPUT,
						"--limit must be 1..1000 and --offset >= 0");
			}
			var page = AppContext.query(BatchQueries.class)
				.list(new BatchListFilter(openedLt, openedGt, openedLe, openedGe, closedLt, closedGt, closedLe,
						closedGe, merchant, status), limit, offset);
			PrintWriter out = spec.commandLine().getOut();
			if (output.json) {
				output.json(out, page);
			}
			else {
				printBatches(out, page.data());
				out.println("total " + page.total() + " (limit " + page.limit() + ", offset " + page.offset() + ")");
			}
			return ExitCodes.DONE;
		}

	}

	static void printBatches(PrintWriter out, List<BatchSummary> batches) {
		OutputOptions.table(out,
				List.of("MERCHANT", "BATCHNUM", "STATUS", "NAME", "OPENED", "CLOSED", "PAYMENTS", "SETTLED", "DECLINED",
						"FAILED", "SKIPPED", "SETTLED AMOUNT", "ID"),
				batches.stream()
					.map(b -> List.<Object>of(b.merchantId(), b.batchnum() == null ? "-" : b.batchnum(), b.status(),
							b.name(), b.opened().format(TIME), b.closed() == null ? "-" : b.closed().format(TIME),
							b.paymentCount(), b.settledCount(), b.declinedCount(), b.failedCount(), b.skippedCount(),
							b.settledTotals().isEmpty() ? "-"
									: b.settledTotals()
										.stream()
										.map(t -> t.amount().toPlainString() + " " + t.currency())
										.collect(Collectors.joining(", ")),
							b.id()))
					.toList());
	}

	@Command(name = "batch", mixinStandardHelpOptions = true, description = "One batch.")
	static class Batch implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "ID")
		String id;

		@Override
		public Integer call() {
			BatchSummary batch = AppContext.query(BatchQueries.class)
				.find(id)
				.orElseThrow(() -> new RefusedException(RefusedException.Kind.NOT_FOUND,
						new BatchNotFoundException(id).getMessage()));
			if (output.json) {
				output.json(spec.commandLine().getOut(), batch);
			}
			else {
				printBatches(spec.commandLine().getOut(), List.of(batch));
			}
			return ExitCodes.DONE;
		}

	}

	@Command(name = "payments", mixinStandardHelpOptions = true, description = "The payments of one batch.")
	static class Payments implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Mixin
		OutputOptions output;

		@Parameters(paramLabel = "BATCH_ID")
		String batchId;

		@Option(names = "--status", description = "Only this status: ${COMPLETION-CANDIDATES}.")
		PaymentStatus status;

		@Override
		public Integer call() {
			BatchQueries queries = AppContext.query(BatchQueries.class);
			if (queries.find(batchId).isEmpty()) {
				throw new RefusedException(RefusedException.Kind.NOT_FOUND,
						new BatchNotFoundException(batchId).getMessage());
			}
			var payments = queries.payments(batchId, status);
			if (output.json) {
				output.json(spec.commandLine().getOut(), payments);
				return ExitCodes.DONE;
			}
			OutputOptions.table(spec.commandLine().getOut(),
					List.of("REFERENCE", "TYPE", "AMOUNT", "CURRENCY", "ACCOUNT", "STATUS", "ATTEMPTS", "HTTP", "ERROR",
							"CORRELATION_ID", "GATEWAY_ID"),
					payments.stream()
						.map(p -> List.<Object>of(p.referenceId(), p.type(), p.amount().toPlainString(), p.currency(),
								p.accountId(), p.status(), p.attempts(), p.httpStatus() == null ? "-" : p.httpStatus(),
								p.errorCode() == null ? "-" : p.errorCode(),
								p.correlationId() == null ? "-" : p.correlationId(),
								p.gatewayId() == null ? "-" : p.gatewayId()))
						.toList());
			return ExitCodes.DONE;
		}

	}

	/** Shared shape of submit/cancel. */
	abstract static class Change implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "BATCH_ID")
		String batchId;

		abstract void change(BatchLifecycle lifecycle);

		@Override
		public Integer call() {
			try {
				change(AppContext.bean(BatchLifecycle.class));
			}
			catch (BatchNotFoundException e) {
				throw new RefusedException(RefusedException.Kind.NOT_FOUND, e.getMessage(), e);
			}
			catch (IllegalBatchTransitionException e) {
				throw new RefusedException(RefusedException.Kind.BAD_INPUT, e.getMessage(), e);
			}
			spec.commandLine()
				.getOut()
				.println("batch " + batchId + " " + (this instanceof Submit ? "SUBMITTED" : "CANCELLED"));
			return ExitCodes.DONE;
		}

	}

	@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a DRAFT batch for settlement.")
	static class Submit extends Change {

		@Override
		void change(BatchLifecycle lifecycle) {
			lifecycle.submit(batchId);
		}

	}

	@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a DRAFT or SUBMITTED batch.")
	static class Cancel extends Change {

		@Override
		void change(BatchLifecycle lifecycle) {
			lifecycle.cancel(batchId);
		}

	}

	/** USAePay dates: {@code YYYYmmdd}. */
	static class YyyyMmDd implements picocli.CommandLine.ITypeConverter<LocalDate> {

		@Override
		public LocalDate convert(String value) {
			return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE);
		}

	}

}
