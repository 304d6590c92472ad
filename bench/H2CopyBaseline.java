import java.nio.file.Files;
import java.nio.file.Path;
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
 * product's payment shape (bench/payment-baseline.sql, the same tables copy-baseline.sh creates on
 * PostgreSQL), on an H2 file database like the product's. Each load is
 * timed inside this JVM around the one statement (its commit included), so the JVM's start and H2's
 * opening of the file are out, as psql's start is next to nothing. The batches the FK points at are
 * loaded first, untimed. The load runs RUNS times into the emptied table; prints every run's seconds
 * and their median on stderr, the median alone on stdout.
 *
 * <p>
 * Run with the H2 jar of the product (the same version): {@code java -cp h2.jar
 * bench/H2CopyBaseline.java DIR FILE [RUNS]} from the repository's root, DIR a directory for the
 * database (emptied first).
 */
public class H2CopyBaseline {

	public static void main(String[] args) throws Exception {
		String dir = args[0];
		String file = args[1];
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		String url = "jdbc:h2:file:" + dir + "/copy;AUTO_SERVER=TRUE;MODE=PostgreSQL";
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

	/**
	 * bench/payment-baseline.sql, the very tables bench/copy-baseline.sh creates on PostgreSQL: H2's
	 * PostgreSQL mode (the URL's) reads their text as it is.
	 */
	private static void createTables(Connection db) throws SQLException {
		Path tables = Path.of("bench", "payment-baseline.sql").toAbsolutePath();
		if (!Files.isReadable(tables)) {
			throw new IllegalStateException(tables + " not found: run from the repository's root");
		}
		try (Statement ddl = db.createStatement()) {
			ddl.execute("DROP ALL OBJECTS");
			ddl.execute("RUNSCRIPT FROM " + literal(tables.toString()));
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
