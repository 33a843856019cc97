package org.hanzinet.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.hanzinet.data.ctw.CtwFormatException;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.nn.optim.Adam;

/**
 * The {@code spark-submit} entry point: trains the network of a {@link ModelFactory} class on the photos
 * of a CTW annotation file, synchronously or by parameter averaging, with Adam, writing a checkpoint
 * after every epoch and resuming from it. Errors are one line on stderr with exit code 2.
 * <pre>
 * --annotations URI   CTW JSONL (any Hadoop file system URI or local path), read on the driver
 * --images URI        the folder the annotations' file names are relative to, read by the workers
 * --model-factory C   a class implementing ModelFactory with a public no-argument constructor
 * --checkpoint PATH   the driver's checkpoint file (written after every epoch; resumed when present)
 * [--epochs 10] [--batch-size 16] [--size 256] [--seed 42] [--lr 0.001] [--partitions 0]
 * [--mode sync|average] [--average-every 1] [--master URL, when not started by spark-submit]
 * </pre>
 */
public final class SparkTrainMain {
    private static final Set<String> OPTIONS = Set.of("--annotations", "--images", "--model-factory", "--checkpoint",
            "--epochs", "--batch-size", "--size", "--seed", "--lr", "--partitions", "--mode", "--average-every", "--master");

    private SparkTrainMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a training; returns the exit code (0, or 2 after printing one line to {@code err}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> o = parse(args);
            SparkTrainingConfig config = config(o);
            ModelFactory models = factory(o.get("--model-factory"));
            double lr = number(o, "--lr", "0.001");
            OptimizerFactory adam = m -> new Adam(m.namedParameters(), lr, 0.9, 0.999, 1e-8, 0);
            JavaSparkContext spark = context(o.get("--master"));
            List<PhotoSample> photos = photos(spark, o.get("--annotations"), o.get("--images"));
            SparkTrainer trainer = new SparkTrainer(spark, models, adam, config);
            for (EpochLoss e : trainer.fit(photos, new SafetensorsEpochCheckpoint(Path.of(o.get("--checkpoint")), config))) {
                out.printf(Locale.ROOT, "epoch %d/%d: mean loss %.6f, last step %.6f%n", e.epoch(), config.epochs(),
                        e.meanLoss(), e.lastLoss());
            }
            return 0;
        } catch (IllegalArgumentException | SparkTrainingException | CtwFormatException | IOException
                 | java.io.UncheckedIOException e) {
            err.println("hanzinet-spark: " + e.getMessage());
            return 2;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "' (options: " + new java.util.TreeSet<>(OPTIONS) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            o.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--annotations", "--images", "--model-factory", "--checkpoint")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("missing required option " + required);
            }
        }
        return o;
    }

    static SparkTrainingConfig config(Map<String, String> o) {
        String mode = o.getOrDefault("--mode", "sync");
        if (!mode.equals("sync") && !mode.equals("average")) {
            throw new IllegalArgumentException("--mode must be sync or average, got '" + mode + "'");
        }
        int size = (int) number(o, "--size", "256");
        return new SparkTrainingConfig((int) number(o, "--epochs", "10"), (int) number(o, "--batch-size", "16"),
                (long) number(o, "--seed", "42"), mode.equals("sync") ? SparkTrainingConfig.Mode.SYNCHRONOUS
                : SparkTrainingConfig.Mode.PARAMETER_AVERAGING, (int) number(o, "--average-every", "1"),
                (int) number(o, "--partitions", "0"), size, size);
    }

    private static double number(Map<String, String> o, String name, String dflt) {
        String v = o.getOrDefault(name, dflt);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    static ModelFactory factory(String className) {
        try {
            Object f = Class.forName(className).getConstructor().newInstance();
            if (f instanceof ModelFactory m) {
                return m;
            }
            throw new IllegalArgumentException("--model-factory " + className + " does not implement " + ModelFactory.class.getName());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--model-factory " + className + ": no public class with a public "
                    + "no-argument constructor on the classpath (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JavaSparkContext context(String master) {
        if (master != null) {
            SparkMasters.requireReachable(master);
        }
        SparkConf conf = new SparkConf().setAppName("hanzinet-spark-train");
        if (master != null) {
            conf.setMaster(master);
        }
        return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
    }

    /** Reads the annotations through Hadoop's file system on the driver; photo URIs are {@code images/file_name}. */
    static List<PhotoSample> photos(JavaSparkContext spark, String annotations, String images) throws IOException {
        if (!annotations.contains(":/") && Files.isRegularFile(Path.of(annotations))) {
            return samples(CtwReader.readAll(Path.of(annotations), CtwReadOptions.defaults()), images);
        }
        byte[] bytes;
        try {
            bytes = PhotoReader.bytes(annotations, spark.hadoopConfiguration());
        } catch (PhotoReadException e) {
            throw new IllegalArgumentException("--annotations " + annotations + " cannot be read: " + e.getCause().getMessage());
        }
        Path local = Files.createTempFile("hanzinet-" + new org.apache.hadoop.fs.Path(annotations).getName() + "-", ".jsonl");
        try {
            Files.write(local, bytes);
            return samples(CtwReader.readAll(local, CtwReadOptions.defaults()), images);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static List<PhotoSample> samples(List<CtwImage> anns, String images) {
        String base = images.endsWith("/") ? images : images + "/";
        List<PhotoSample> out = new ArrayList<>();
        for (CtwImage a : anns) {
            out.add(new PhotoSample(out.size(), base + a.fileName(), a));
        }
        return out;
    }
}
