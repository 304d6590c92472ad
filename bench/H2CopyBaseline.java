import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * H2's own bulk load of a benchmark CSV, the H2 counterpart of bench/copy-baseline.sh's psql
 * {@code \copy}: {@code INSERT INTO payment (...) SELECT ... FROM CSVREAD(file)} into a table of the
 * product's payment shape (the same keys, constraints, secondary index and defaults as
 * copy-baseline.sh creates on PostgreSQL), on an H2 file database like the product's. Each load is
 * timed inside this JVM around the one statement (its commit included), so the JVM's start and H2's
 * opening of the file are out, as psql's start is next to nothing. The batches the FK points at are
 * loaded first, untimed. The load runs RUNS times into the emptied table; prints every run's seconds
 * and their median on stderr, the median alone on stdout.
 *
 * <p>
 * Run with the H2 jar of the product (the same version): {@code java -cp h2.jar
 * bench/H2CopyBaseline.java DIR FILE [RUNS]}, DIR a directory for the database (emptied first).
 */
public class H2CopyBaseline {

	public static void main(String[] args) throws Exception {
		String dir = args[0];
		String file = args[1];
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		String url = "jdbc:h2:file:" + dir + "/copy;AUTO_SERVER=TRUE";
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			createTables(db);
			loadBatches(db, file);
			List<Double> seconds = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				try (Statement empty = db.createStatement()) {
					empty.execute("TRUNCATE TABLE payment");
				}
				seconds.add(load(db, file));
			}
			List<Double> sorted = new ArrayList<>(seconds);
			Collections.sort(sorted);
			double median = sorted.get((sorted.size() - 1) / 2);
			System.err.printf("h2-copy-baseline: INSERT ... SELECT FROM CSVREAD of %s %d times: %s s; median %.3f s%n",
					file.substring(file.lastIndexOf('/') + 1), runs,
					String.join(" ", seconds.stream().map(s -> String.format("%.3f", s)).toList()), median);
			System.out.printf("%.3f%n", median);
		}
	}

	/** One timed load: the statement and its commit. */
	private static double load(Connection db, String file) throws SQLException {
		long start = System.nanoTime();
		try (PreparedStatement load = db.prepareStatement("""
				INSERT INTO payment (batch_id, reference_id, type, amount, currency, account_id, depends_on, custom_data)
				SELECT batch_external_id, reference_id, type, amount, currency, account_id,
				       NULLIF(depends_on, ''), NULLIF(custom_data, '')
				FROM CSVREAD(%s, NULL, 'charset=UTF-8')""".formatted(literal(file)))) {
			load.executeUpdate();
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** CSVREAD takes its file name only as a constant, not as a parameter. */
	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/** bench/copy-baseline.sh's tables in H2's dialect. */
	private static void createTables(Connection db) throws SQLException {
		try (Statement ddl = db.createStatement()) {
			ddl.execute("DROP ALL OBJECTS");
			ddl.execute("""
					CREATE TABLE payment_batch (
					    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
					    name        VARCHAR(200) NOT NULL,
					    merchant_id VARCHAR(64)  NOT NULL
					)""");
			ddl.execute("CREATE SEQUENCE payment_seq");
			ddl.execute("""
					CREATE TABLE payment (
					    id             VARCHAR(36)    DEFAULT CAST(RANDOM_UUID() AS VARCHAR(36)) NOT NULL PRIMARY KEY,
					    batch_id       VARCHAR(36)    NOT NULL REFERENCES payment_batch (id),
					    seq            INTEGER        DEFAULT NEXT VALUE FOR payment_seq NOT NULL,
					    reference_id   VARCHAR(255)   NOT NULL,
					    type           VARCHAR(16)    NOT NULL,
					    amount         NUMERIC(18, 3) NOT NULL,
					    currency       CHAR(3)        NOT NULL,
					    account_id     VARCHAR(64)    NOT NULL,
					    depends_on     VARCHAR(255),
					    custom_data    VARCHAR(10240),
					    unique_key     VARCHAR(64)    DEFAULT CAST(RANDOM_UUID() AS VARCHAR(64)) NOT NULL,
					    status         VARCHAR(16)    DEFAULT 'PENDING' NOT NULL,
					    attempts       INTEGER        DEFAULT 0 NOT NULL,
					    gateway_id     VARCHAR(64),
					    http_status    INTEGER,
					    error_code     VARCHAR(64),
					    error_message  VARCHAR(500),
					    correlation_id VARCHAR(100),
					    first_sent_at  TIMESTAMP WITH TIME ZONE,
					    settled_at     TIMESTAMP WITH TIME ZONE,
					    updated_at     TIMESTAMP WITH TIME ZONE,
					    source_line    BIGINT,
					    CONSTRAINT payment_reference_uk UNIQUE (batch_id, reference_id),
					    CONSTRAINT payment_unique_key_uk UNIQUE (unique_key)
					)""");
			ddl.execute("CREATE INDEX payment_by_status_ix ON payment (status, batch_id)");
		}
	}

	/** The batches the FK points at, one per external id, as the import writes them. */
	private static void loadBatches(Connection db, String file) throws SQLException {
		try (PreparedStatement batches = db.prepareStatement("""
				INSERT INTO payment_batch (id, name, merchant_id)
				SELECT batch_external_id, MIN(batch_name), MIN(merchant_id)
				FROM CSVREAD(%s, NULL, 'charset=UTF-8') GROUP BY batch_external_id""".formatted(literal(file)))) {
			batches.executeUpdate();
		}
	}

}
