package com.settlebatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step's reader looks the step-scoped reader up once, when the step opens it, and
 * then calls it directly; a call from another thread still goes through the proxy.
 */
class DirectReadAheadTests {

	private static final String HEADER = "batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,"
			+ "account_id\n";

	@TempDir
	Path dir;

	@Test
	void theScopedReaderIsLookedUpOnceForAWholeFileAndEveryRowComesOutInOrder() throws Exception {
		// given: a proxy in front of the reader of a file of 600 rows, counting its
		// look-ups
		ReadAhead target = new ReadAhead(new CsvPaymentReader(write(600)), 4);
		CountingTargetSource source = new CountingTargetSource(target);
		DirectReadAhead rows = new DirectReadAhead(proxy(source));
		List<String> references = new ArrayList<>();

		// when
		rows.open(new ExecutionContext());
		try {
			InputRow row;
			while ((row = rows.read()) != null) {
				references.add(rows.process(row).referenceId());
			}
			rows.update(new ExecutionContext());
		}
		finally {
			rows.close();
		}

		// then
		assertThat(references).hasSize(600).startsWith("r-1", "r-2").endsWith("r-600");
		assertThat(source.lookUps).hasValue(1);
	}

	@Test
	void aCallFromAnotherThreadThanTheOneThatOpenedTheReaderGoesThroughTheProxy() throws Exception {
		// given: opened on this thread
		ReadAhead target = new ReadAhead(new CsvPaymentReader(write(3)), 4);
		CountingTargetSource source = new CountingTargetSource(target);
		DirectReadAhead rows = new DirectReadAhead(proxy(source));
		rows.open(new ExecutionContext());
		try {
			// when
			InputRow elsewhere = CompletableFuture.supplyAsync(() -> {
				try {
					return rows.read();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).get();

			// then: the other thread's read asked the proxy for its target; this one's
			// did not
			assertThat(elsewhere.referenceId()).isEqualTo("r-1");
			assertThat(source.lookUps).hasValue(2);
			assertThat(rows.read().referenceId()).isEqualTo("r-2");
			assertThat(source.lookUps).hasValue(2);
		}
		finally {
			rows.close();
		}
	}

	private static ReadAhead proxy(TargetSource source) {
		ProxyFactory factory = new ProxyFactory();
		factory.setProxyTargetClass(true);
		factory.setTargetSource(source);
		return (ReadAhead) factory.getProxy();
	}

	/** N valid rows r-1..r-N of one batch. */
	private Path write(int rows) throws Exception {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 1; i <= rows; i++) {
			csv.append("b-1,B,m-1,r-").append(i).append(",payment,1.00,USD,acct-1\n");
		}
		Path file = dir.resolve("rows.csv");
		Files.writeString(file, csv);
		return file;
	}

	/** A scoped proxy's source, which finds the same reader every time and counts. */
	private static final class CountingTargetSource implements TargetSource {

		private final ReadAhead target;

		private final AtomicInteger lookUps = new AtomicInteger();

		CountingTargetSource(ReadAhead target) {
			this.target = target;
		}

		@Override
		public Class<?> getTargetClass() {
			return ReadAhead.class;
		}

		@Override
		public boolean isStatic() {
			return false;
		}

		@Override
		public Object getTarget() {
			lookUps.incrementAndGet();
			return target;
		}

		@Override
		public void releaseTarget(Object target) {
		}

	}

}
