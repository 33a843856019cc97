package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.train.ParameterVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1: a Master and two Worker JVMs (1 core each) started from the
 * Spark jars on the test classpath, a synchronous run of model 2, and one worker killed (SIGTERM: its
 * executor goes with it) in the middle of epoch 1. Spark re-runs the lost tasks and recomputes the lost
 * cached partition on the other worker; the run must finish and its checkpoint equal the single-process
 * run of the same steps. Not in the default test run (about a minute, three extra JVMs):
 * {@code mvn -B -pl spark -am test -Pspark-cluster}.
 */
class StandaloneClusterIT {
    static final int SIZE = 32;
    static final ModelFactory MODEL2 = () -> TestModels.model2(SIZE, 31);
    static final OptimizerFactory ADAM = m -> new Adam(m.namedParameters(), 1e-3, 0.9, 0.999, 1e-8, 0);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        processes.forEach(Process::destroy);
    }

    @Test
    void killingOneOfTwoWorkersMidEpochStillFinishesWithTheUninterruptedCheckpoint() throws Exception {
        List<PhotoSample> photos = SparkFixture.photos(dir, 12, SIZE);
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
                "--webui-port", "0");
        awaitReachable(master);
        start("worker1", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                "--webui-port", "0", "--work-dir", dir.resolve("work1").toString(), master);
        Process worker2 = start("worker2", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                "--memory", "1g", "--webui-port", "0", "--work-dir", dir.resolve("work2").toString(), master);

        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(2, 2, 8, 2, SIZE);
        Path file = dir.resolve("cluster.safetensors");
        SparkConf conf = new SparkConf().setMaster(master).setAppName("hanzinet-cluster-it")
                .set("spark.driver.host", "127.0.0.1").set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "1g").set("spark.executor.cores", "1").set("spark.cores.max", "2")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()));
        SparkTrainer trainer;
        int executorsBefore;
        AtomicInteger jobsAtKill = new AtomicInteger(-1);
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            executorsBefore = awaitExecutors(spark, 2);
            Thread killer = new Thread(() -> killAfterJobs(spark, worker2, 3, jobsAtKill), "kill-worker2");
            killer.setDaemon(true);
            killer.start();
            trainer = new SparkTrainer(spark, MODEL2, ADAM, cfg);
            trainer.fit(photos, new SafetensorsEpochCheckpoint(file, cfg));
            int jobs = spark.statusTracker().getJobIdsForGroup(null).length;
            assertThat(jobsAtKill.get()).as("worker 2 was killed during training").isBetween(3, 5);
            assertThat(jobs).as("steps ran after the kill").isGreaterThan(jobsAtKill.get() + 6);
            assertThat(worker2.isAlive()).isFalse();
            assertThat(spark.sc().statusTracker().getExecutorInfos()).as("driver + the surviving executor").hasSize(2);
        }
        assertThat(executorsBefore).isEqualTo(2);

        LocalReference uninterrupted = new LocalReference(MODEL2, ADAM);
        uninterrupted.fit(dir, photos, cfg);
        Module loaded = MODEL2.create();
        Checkpoint.load(file, loaded, null);
        float[] expected = ParameterVectors.values(uninterrupted.model);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(loaded))).isLessThan(1e-4f);
        assertThat(ParameterVectors.maxAbsDifference(expected, ParameterVectors.values(MODEL2.create()))).isGreaterThan(1e-3f);
    }

    /** Kills {@code worker} (SIGTERM: the Worker's shutdown hook kills its executor) once {@code jobs} jobs started. */
    private static void killAfterJobs(JavaSparkContext spark, Process worker, int jobs, AtomicInteger jobsAtKill) {
        try {
            while (spark.statusTracker().getJobIdsForGroup(null).length < jobs) {
                Thread.sleep(20);
            }
            jobsAtKill.set(spark.statusTracker().getJobIdsForGroup(null).length);
            worker.destroy();
            worker.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // A Worker builds its executors' command from $SPARK_HOME/jars and $SPARK_SCALA_VERSION; an empty jars
        // folder will do, the executors get the test classpath through spark.executor.extraClassPath.
        Path home = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** This JVM's module flags and system properties (surefire's argLine: Spark's options, the Vector API). */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitReachable(String master) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                SparkMasters.requireReachable(master);
                return;
            } catch (IllegalArgumentException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Waits until {@code n} executors (besides the driver) are registered; returns their count. */
    private static int awaitExecutors(JavaSparkContext spark, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (spark.sc().statusTracker().getExecutorInfos().length < n + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return spark.sc().statusTracker().getExecutorInfos().length - 1;
    }
}
