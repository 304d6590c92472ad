package com.settlebatch.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through its
 * chromedriver, against the application serving on a random port. H2 only (the data
 * endpoints run on PostgreSQL in {@link DashboardFunctionalTests}); skipped without
 * Chromium except under {@code CI=true}.
 *
 * <p>
 * With {@code -Dsettle.docs.screenshots=docs} the last test also settles a larger, slower
 * run and writes the README's screenshots there.
 */
@ExtendWith(BrowserTestCondition.class)
class DashboardBrowserTests extends DashboardTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static WebDriver browser;

	private WebDriverWait await;

	@BeforeAll
	static void startBrowser() {
		// The driver named outright: Selenium Manager, which would look for (and
		// download) one, never runs.
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(BrowserTestCondition.CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BrowserTestCondition.CHROMIUM.toFile());
		// As root in a container: no sandbox; /dev/shm is small there, so Chromium keeps
		// to /tmp.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
				"--lang=en-US");
		Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void freshTab() {
		await = new WebDriverWait(browser, PATIENCE);
		browser.get(base() + "/ui");
		// Each test logs in anew: the token is kept for the tab's session only.
		((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
		browser.navigate().refresh();
	}

	@Test
	void aViewerLogsInAndSeesTheRunJustSettledWithItsStepsBatchesAndFailedPaymentsButNoAction() throws Exception {
		// given a run that settles two payments, declines one and fails one after its
		// retries
		sandbox.faults().failNext("acct-down", 100, 503);
		String batch = submittedBatch("ACME nightly card sales", "acme",
				List.of(payment("ok-1", "10.00", "USD", "acct-1"), payment("ok-2", "2.50", "USD", "acct-2"),
						payment("no-1", "5.00", "USD", "acct-blocked-1"),
						payment("down-1", "7.00", "USD", "acct-down")));
		long run = jobControl.settle(DAY).getId();

		// when a viewer opens the page: it asks for the token before showing anything
		assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
		logIn("not-the-token");
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
		logIn(person("vera", "viewer"));
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "vera (viewer)"));

		// then the run is listed, COMPLETED, with what each step counted: payments in
		// the settle pass, the batch in the closing step
		WebElement row = await.until(ExpectedConditions.visibilityOfElementLocated(executionRow(run)));
		assertThat(cells(row)).startsWith(String.valueOf(run), "settlement", "businessDate=2026-11-21", "COMPLETED");
		assertThat(row.findElement(By.cssSelector("li[data-step='settlePayments']")).getText())
			// (one rollback: the failure's chunk before its scan; the decline was
			// written with its chunk)
			.isEqualTo("settlePayments: 4 read, 2 written, 2 skipped, 1 rolled back");
		assertThat(row.findElement(By.cssSelector("li[data-step='closeBatches']")).getText())
			.startsWith("closeBatches: 1 read, 1 written");
		// and clicking it shows each step's counts and the run's payments per second
		row.click();
		WebElement settle = await.until(ExpectedConditions.visibilityOfElementLocated(step("settlePayments")));
		// step, status, read, filtered, written, skipped, rolled back: 2 settled, the
		// decline and the failure skipped
		assertThat(cells(settle).subList(0, 6)).containsExactly("settlePayments", "COMPLETED", "4", "0", "2", "2");
		assertThat(browser.findElement(step("closeBatches")).isDisplayed()).isTrue();
		// and a viewer is offered no action, nor the audit trail (an admin's)
		assertThat(browser.findElement(By.id("restart")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("stop")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("audit")).isDisplayed()).isFalse();
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chart-caption"),
				"4 payments sent to the gateway"));
		assertThat(browser.findElements(By.cssSelector("#chart svg rect.bar"))).isNotEmpty();

		// and the batch is CLOSED with its batchnum, counts and exact settled total
		List<String> batchCells = cells(await.until(ExpectedConditions.presenceOfElementLocated(batchRow(batch))));
		assertThat(batchCells.subList(0, 4)).containsExactly("acme", "1", "ACME nightly card sales", "CLOSED");
		assertThat(batchCells.get(5)).isNotBlank();
		assertThat(batchCells.subList(6, 12)).containsExactly("4", "2", "1", "1", "0", "12.50 USD");
		// and the list takes the USAePay filters: another merchant's batches, then CLOSED
		// ones closed from today
		filterBatches("merchant", "globex");
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-rows"), "No batch matches."));
		filterBatches("merchant", "acme");
		await.until(ExpectedConditions.presenceOfElementLocated(batchRow(batch)));
		new Select(browser.findElement(By.cssSelector("#batch-filter select[name='status']")))
			.selectByVisibleText("CLOSED");
		closedFrom(LocalDate.now().plusDays(1));
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-rows"), "No batch matches."));
		closedFrom(LocalDate.now());
		await.until(ExpectedConditions.presenceOfElementLocated(batchRow(batch)));

		// and the failed payment is there for a person, with the correlation id to give
		// the gateway
		WebElement failed = await
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attention-rows tr[data-payment-id]")));
		assertThat(cells(failed)).contains("acme", "down-1", "7.00 USD", "acct-down", "5", "503",
				correlationId(batch, "down-1"));
	}

	@Test
	void aFailedRunIsRestartedFromThePageAndCompletes() throws Exception {
		// given a run that failed: the outcome of r-2 could not be stored after the
		// gateway charged it
		String batch = submittedBatch("Globex refunds", "globex",
				List.of(payment("r-1", "1.00", "GBP", "acct-1"), payment("r-2", "2.00", "GBP", "acct-2")));
		long failedRun;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'r-2'")) {
			var failed = jobControl.settle(DAY);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			failedRun = failed.getId();
		}
		logIn(person("olivia", "operator"));
		await.until(ExpectedConditions.visibilityOfElementLocated(executionRow(failedRun))).click();
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("execution-status"), "FAILED"));
		assertThat(browser.findElement(By.id("execution-failure")).getText()).isNotBlank();

		// when the operator restarts it and confirms
		WebElement restart = await.until(ExpectedConditions.elementToBeClickable(By.id("restart")));
		restart.click();
		await.until(ExpectedConditions.alertIsPresent()).accept();

		// then the new execution is shown COMPLETED, listed above the failed one, and the
		// batch closed
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "COMPLETED"));
		// (the status line is written before the page reloads the new execution)
		await.until(ExpectedConditions
			.not(ExpectedConditions.attributeToBe(By.id("execution"), "data-execution-id", String.valueOf(failedRun))));
		long restarted = Long.parseLong(browser.findElement(By.id("execution")).getDomAttribute("data-execution-id"));
		assertThat(restarted).isNotEqualTo(failedRun);
		assertThat(browser.findElement(By.id("execution-status")).getText()).isEqualTo("COMPLETED");
		assertThat(cells(browser.findElement(executionRow(restarted))).get(3)).isEqualTo("COMPLETED");
		assertThat(cells(browser.findElement(executionRow(failedRun))).get(3)).isEqualTo("FAILED");
		assertThat(batchStatus(batch)).isEqualTo("CLOSED");
		List<String> batchCells = cells(browser.findElement(batchRow(batch)));
		assertThat(batchCells.get(3)).isEqualTo("CLOSED");
		assertThat(batchCells.get(11)).isEqualTo("3.00 GBP");
		// and the audit trail has the operator's restart, made from the dashboard
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE actor = 'olivia' AND role = 'operator' AND origin = 'DASHBOARD'
				  AND action = 'POST /executions/{id}/restart' AND target = ? AND outcome = 'OK'""")
			.param("/executions/" + failedRun + "/restart")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRunningRunIsFollowedOnItsOwnStoppedFromThePageAndRestarted() throws Exception {
		// given a run in progress against a slow gateway
		List<String> payments = new ArrayList<>();
		for (int i = 1; i <= 300; i++) {
			payments.add(payment("s-" + i, "1.00", "USD", "acct-" + i));
		}
		String batch = submittedBatch("Slow night", "acme", payments);
		sandbox.faults().latency(Duration.ofMillis(300), Duration.ofMillis(300));
		// (The lambda answers a status: one answering a JobExecution would be taken by
		// @SpringBatchTest for the job scope's factory.)
		CompletableFuture<BatchStatus> settling = CompletableFuture
			.supplyAsync(() -> jobControl.settle(DAY).getStatus());
		long run;
		try {
			run = await.until(b -> jdbc.sql("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")
				.query(Long.class)
				.optional()
				.orElse(null));

			// when the operator opens the page, picks the run and asks it to stop
			logIn(person("olivia", "operator"));
			await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "following it"));
			await.until(ExpectedConditions.visibilityOfElementLocated(executionRow(run))).click();
			await.until(ExpectedConditions.elementToBeClickable(By.id("stop"))).click();
			await.until(ExpectedConditions.alertIsPresent()).accept();

			// then the page follows it, without being asked, until it has STOPPED
			await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("execution-status"), "STOPPED"));
		}
		finally {
			sandbox.faults().latency(Duration.ZERO, Duration.ZERO);
		}
		assertThat(settling.get(60, TimeUnit.SECONDS)).isEqualTo(BatchStatus.STOPPED);
		assertThat(cells(browser.findElement(executionRow(run))).get(3)).isEqualTo("STOPPED");

		// and a restart from the page settles the rest
		await.until(ExpectedConditions.elementToBeClickable(By.id("restart"))).click();
		await.until(ExpectedConditions.alertIsPresent()).accept();
		await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "COMPLETED"));
		assertThat(batchStatus(batch)).isEqualTo("CLOSED");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE batch_id = ? AND status = 'SETTLED'")
			.param(batch)
			.query(Long.class)
			.single()).isEqualTo(300);
	}

	/**
	 * Not a check but the README's pictures: several merchants, a run slow enough for its
	 * chart to have a shape, a failed payment and a failed run.
	 * {@code -Dsettle.docs.screenshots=docs}.
	 */
	@Test
	@EnabledIfSystemProperty(named = "settle.docs.screenshots", matches = ".+")
	void screenshotsForTheReadme() throws Exception {
		Path folder = Path.of(System.getProperty("settle.docs.screenshots"));
		sandbox.faults().failNext("acct-down", 100, 503);
		submittedBatch("ACME nightly subscriptions", "merchant-acme", List
			.of(payment("acme-0001", "14.99", "USD", "acct-1001"), payment("acme-0002", "14.99", "USD", "acct-1002")));
		submittedBatch("Globex daily refunds", "merchant-globex", List.of(payment("gbx-1", "7.50", "GBP", "acct-2001"),
				payment("gbx-2", "7.50", "GBP", "acct-2002"), payment("gbx-3", "1200", "JPY", "acct-down")));
		List<String> many = new ArrayList<>();
		for (int i = 1; i <= 900; i++) {
			many.add(payment(String.format("ini-%04d", i), (i % 90 + 10) + "." + String.format("%02d", i % 100), "USD",
					"acct-" + (3000 + i)));
		}
		submittedBatch("Initech vendor payouts", "merchant-initech", many);
		// A gateway that answers in 40-160 ms: the run lasts long enough for a chart.
		sandbox.faults().latency(Duration.ofMillis(40), Duration.ofMillis(160));
		long run = jobControl.settle(DAY).getId();
		sandbox.faults().latency(Duration.ZERO, Duration.ZERO);
		submittedBatch("Umbrella payroll", "merchant-umbrella", List.of(payment("u-1", "2500.00", "EUR", "acct-9001")));
		long failedRun;
		try (Refusal crash = refuseRows("payment", "status <> 'SETTLED' OR reference_id <> 'u-1'")) {
			failedRun = jobControl.settle(DAY.plusDays(1)).getId();
		}

		browser.manage().window().setSize(new Dimension(1600, 1000));
		logIn(person("olivia", "operator"));
		await.until(ExpectedConditions.visibilityOfElementLocated(executionRow(run))).click();
		await.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart svg rect.bar")));
		Files.createDirectories(folder);
		screenshot(folder.resolve("dashboard.png"));
		browser.findElement(executionRow(failedRun)).click();
		await.until(ExpectedConditions.elementToBeClickable(By.id("restart")));
		browser.manage().window().setSize(new Dimension(1600, 760));
		Files.write(folder.resolve("dashboard-failed-run.png"),
				((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		browser.manage().window().setSize(new Dimension(1400, 1000));
	}

	/**
	 * A date input is typed in the browser's locale: its value is set as the page's
	 * script reads it.
	 */
	private void closedFrom(LocalDate date) {
		((JavascriptExecutor) browser).executeScript(
				"document.querySelector(\"#batch-filter input[name='closedge']\").value = arguments[0]",
				date.toString());
		browser.findElement(By.cssSelector("#batch-filter button[type='submit']")).click();
	}

	private static By batchRow(String id) {
		return By.cssSelector("#batch-rows tr[data-batch-id='" + id + "']");
	}

	private void filterBatches(String field, String value) {
		WebElement input = browser.findElement(By.cssSelector("#batch-filter input[name='" + field + "']"));
		input.clear();
		input.sendKeys(value);
		browser.findElement(By.cssSelector("#batch-filter button[type='submit']")).click();
	}

	private void logIn(String token) {
		WebElement field = await.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
		field.clear();
		field.sendKeys(token);
		browser.findElement(By.id("login-button")).click();
	}

	/** The whole page, however long: the window is made as tall as the document first. */
	private void screenshot(Path file) throws IOException {
		long height = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollHeight");
		Dimension before = browser.manage().window().getSize();
		browser.manage().window().setSize(new Dimension(before.getWidth(), (int) height + 140));
		Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		browser.manage().window().setSize(before);
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private static By executionRow(long id) {
		return By.cssSelector("#execution-rows tr[data-execution-id='" + id + "']");
	}

	private static By step(String name) {
		return By.cssSelector("#step-rows tr[data-step='" + name + "']");
	}

	private static List<String> cells(WebElement row) {
		return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
	}

}
