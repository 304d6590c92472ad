package com.settlebatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.settlebatch.masking.CardNumbers;

/**
 * Writes a business date's report files:
 * {@code <folder>/<date>/<merchant>-<batchnum>.csv} for every batch of the date that is
 * closed, and {@code summary.json} beside them. Each file is written whole under a
 * temporary name and renamed; nothing in them depends on when they are written, so a
 * restart that writes them again writes the same bytes.
 */
@Service
public class SettlementReports {

	private static final Logger log = LoggerFactory.getLogger(SettlementReports.class);

	private static final ObjectWriter JSON = JsonMapper.builder().build().writer().withDefaultPrettyPrinter();

	private final ReportQueries queries;

	private final Path folder;

	SettlementReports(DataSource dataSource, ReportProperties properties, @Value("${settle.home:.}") String home) {
		this.queries = new ReportQueries(dataSource, properties.fetchSize());
		Path configured = Path.of(properties.folder());
		this.folder = (configured.isAbsolute() ? configured : Path.of(home).resolve(configured)).toAbsolutePath()
			.normalize();
	}

	/** The folder of a date's reports. */
	public Path folder(LocalDate businessDate) {
		return folder.resolve(businessDate.toString());
	}

	/**
	 * The settlement step's work: the date comes from the job parameter of that name.
	 * @param businessDateParameter the name of the job's business date parameter
	 */
	public Tasklet tasklet(String businessDateParameter) {
		return (contribution, chunkContext) -> {
			LocalDate date = contribution.getStepExecution()
				.getJobExecution()
				.getJobParameters()
				.getLocalDate(businessDateParameter);
			contribution.incrementWriteCount(write(date));
			return RepeatStatus.FINISHED;
		};
	}

	/**
	 * Writes the date's reports.
	 * @return how many batch files were written
	 */
	public int write(LocalDate businessDate) {
		Path dateFolder = folder(businessDate);
		List<ReportQueries.ClosedBatch> batches = queries.closedBatches(businessDate);
		AtomicFiles.write(dateFolder.resolve("summary.json"), out -> summary(businessDate, batches, dateFolder, out));
		log.info("settlement {}: {} report file(s) and summary.json in {}", businessDate, batches.size(), dateFolder);
		return batches.size();
	}

	/**
	 * The summary is written while the batch files are: each batch's totals come from the
	 * rows its file was written from, so the two always agree.
	 */
	private void summary(LocalDate businessDate, List<ReportQueries.ClosedBatch> batches, Path dateFolder,
			OutputStream out) throws IOException {
		Totals date = new Totals();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("businessDate", businessDate.toString());
			json.writeArrayPropertyStart("batches");
			for (ReportQueries.ClosedBatch batch : batches) {
				Totals totals = batchFile(batch, dateFolder);
				date.addAll(totals);
				json.writeStartObject();
				json.writeStringProperty("file", batch.fileName());
				json.writeStringProperty("batchId", batch.id());
				json.writeStringProperty("externalId", CardNumbers.mask(batch.externalId()));
				json.writeStringProperty("name", CardNumbers.mask(batch.name()));
				json.writeStringProperty("merchantId", batch.merchantId());
				json.writeNumberProperty("batchnum", batch.batchnum());
				json.writeStringProperty("opened", BatchReport.time(batch.opened()));
				json.writeStringProperty("closed", BatchReport.time(batch.closed()));
				totals.writeFields(json);
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeObjectPropertyStart("totals");
			json.writeNumberProperty("batches", batches.size());
			date.writeFields(json);
			json.writeEndObject();
			json.writeEndObject();
			json.writeRaw('\n');
		}
	}

	private Totals batchFile(ReportQueries.ClosedBatch batch, Path dateFolder) {
		Totals[] totals = new Totals[1];
		AtomicFiles.write(dateFolder.resolve(batch.fileName()),
				out -> totals[0] = BatchReport.write(queries, batch.id(), out));
		return totals[0];
	}

}
