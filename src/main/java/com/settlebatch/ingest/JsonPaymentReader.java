package com.settlebatch.ingest;

import java.nio.file.Path;
import java.util.List;

import com.settlebatch.ingest.JsonBatchScanner.JsonBatch;
import com.settlebatch.json.ExactJson;
import com.settlebatch.rules.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a payments JSON file (one batch object or an array of them) as one item per
 * payment, with Jackson's streaming parser so memory does not grow with the number of
 * payments. A first pass ({@link JsonBatchScanner}) collects the batch fields, which may
 * follow the payments; this second pass emits the payments. Every payments element, and
 * every batch without a usable {@code payments} array, counts as one item, rejected or
 * not, so a restart lands on the same one.
 */
public class JsonPaymentReader extends AbstractPaymentFileReader {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private List<JsonBatch> batches;

	private JsonParser parser;

	private boolean singleBatch;

	private int batchIndex;

	private boolean inBatch;

	private boolean inPayments;

	private int paymentIndex;

	private boolean finished;

	public JsonPaymentReader(Path file) {
		super(file, "jsonPaymentReader");
	}

	@Override
	protected void doOpen() {
		try (JsonParser scan = JSON.createParser(ObjectReadContext.empty(), file)) {
			batches = JsonBatchScanner.scan(scan, source);
			parser = JSON.createParser(ObjectReadContext.empty(), file);
			singleBatch = parser.nextToken() == JsonToken.START_OBJECT;
		}
		catch (JacksonException ex) {
			doClose();
			throw JsonSupport.unreadable(source, ex);
		}
		catch (RuntimeException ex) {
			doClose();
			throw ex;
		}
		batchIndex = -1;
		inBatch = false;
		inPayments = false;
		finished = false;
	}

	@Override
	protected InputRow doRead() {
		try {
			while (true) {
				if (inPayments) {
					JsonToken token = parser.nextToken();
					if (token == JsonToken.END_ARRAY) {
						inPayments = false;
						continue;
					}
					paymentIndex++;
					String path = batchPath() + ".payments[" + paymentIndex + "]";
					return JsonPaymentElement.read(parser, token, source, path, batches.get(batchIndex));
				}
				if (!inBatch && !enterNextBatch()) {
					return null;
				}
				JsonToken token = parser.nextToken();
				if (token == JsonToken.END_OBJECT) {
					inBatch = false;
					rejectIfNoPayments();
					continue;
				}
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("payments".equals(field)) {
					if (value == JsonToken.START_ARRAY) {
						inPayments = true;
						paymentIndex = -1;
						continue;
					}
					rejectPaymentsNotArray(value);
				}
				// Batch fields were taken in the first pass.
				parser.skipChildren();
			}
		}
		catch (JacksonException ex) {
			throw JsonSupport.unreadable(source, ex);
		}
	}

	private boolean enterNextBatch() {
		if (finished) {
			return false;
		}
		if (singleBatch) {
			finished = batchIndex >= 0;
		}
		else {
			JsonToken token = parser.nextToken();
			finished = token != JsonToken.START_OBJECT;
		}
		if (finished) {
			return false;
		}
		if (++batchIndex >= batches.size()) {
			throw JsonSupport.unreadable(source, parser.currentTokenLocation(), "the file changed while being read");
		}
		inBatch = true;
		return true;
	}

	private void rejectIfNoPayments() {
		JsonBatch batch = batches.get(batchIndex);
		if (!batch.hasPayments()) {
			throw new RejectedRowException(source, batch.line(), batchPath(), batch.externalId(), null,
					List.of(Problems.of("payments", "is required (an array of payment objects)", null)));
		}
	}

	private void rejectPaymentsNotArray(JsonToken value) {
		long line = parser.currentTokenLocation().getLineNr();
		String raw = ExactJson.scalarText(parser, value);
		parser.skipChildren();
		throw new RejectedRowException(source, line, batchPath() + ".payments", batches.get(batchIndex).externalId(),
				null, List.of(Problems.of("payments",
						"must be an array of payment objects, not " + ExactJson.describe(value), raw)));
	}

	private String batchPath() {
		return singleBatch ? "$" : "$[" + batchIndex + "]";
	}

	@Override
	protected void doClose() {
		try {
			if (parser != null) {
				parser.close();
			}
		}
		catch (JacksonException ex) {
			// closing a file we only read: nothing is lost
		}
		finally {
			parser = null;
			batches = null;
		}
	}

}
