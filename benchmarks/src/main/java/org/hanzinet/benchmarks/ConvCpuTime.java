package org.hanzinet.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;

/**
 * A companion to {@link ConvBenchmark} for shared, loaded machines: times each conv pass by wall clock
 * and by the process's CPU time, and prints GFLOP/s both ways. On a machine where other processes take
 * CPU, wall-clock figures drop with the load while "GFLOP per core-second" (flops / CPU seconds) stays
 * close to what an idle core delivers. JMH's figures remain the reference on a quiet machine.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp benchmarks.jar org.hanzinet.benchmarks.ConvCpuTime
 * [impl=direct] [threads=1] [reps=5] [warmup=2] [layers=m1_conv1,...]}: best wall time, mean CPU time.
 */
public final class ConvCpuTime {
    private ConvCpuTime() {}

    public static void main(String[] args) {
        String impl = "direct", layers = String.join(",", new java.util.TreeSet<>(ConvLayers.LAYERS.keySet()));
        int threads = 1, reps = 5, warmup = 2;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "impl" -> impl = kv[1];
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "reps" -> reps = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "layers" -> layers = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + a + " (impl=, threads=, reps=, warmup=, layers=)");
            }
        }
        Parallel.setThreads(threads);
        System.out.printf(Locale.ROOT, "%-20s %-6s %2s %-10s %10s %12s %14s%n", "layer", "impl", "t", "pass", "best ms",
                "GFLOP/s", "GFLOP/core-s");
        for (String name : layers.split(",")) {
            run(name, ConvImpl.parse(impl), threads, reps, warmup);
        }
    }

    private static void run(String name, ConvImpl impl, int threads, int reps, int warmup) {
        ConvGeometry g = ConvLayers.get(name);
        ConvAlgorithm conv = impl.create();
        Rng rng = new Rng(42);
        Tensor x = Tensor.zeros(g.inputShape()).uniform(rng, 0f, 1f);
        Tensor w = Tensor.zeros(g.weightShape()).uniform(rng, -0.1f, 0.1f);
        Tensor b = Tensor.zeros(g.outChannels());
        Tensor y = Tensor.zeros(g.outputShape());
        Tensor dy = Tensor.zeros(g.outputShape()).uniform(rng, -1f, 1f);
        Tensor dx = Tensor.zeros(g.inputShape());
        Tensor dw = Tensor.zeros(g.weightShape());
        Tensor db = Tensor.zeros(g.outChannels());
        Runnable[] passes = {() -> conv.forward(g, x, w, b, y), () -> conv.backwardInput(g, dy, w, dx),
            () -> conv.backwardWeight(g, x, dy, dw, db)};
        String[] names = {"forward", "inputGrad", "weightGrad"};
        for (int p = 0; p < passes.length; p++) {
            for (int r = 0; r < warmup; r++) {
                passes[p].run();
            }
            long bestWall = Long.MAX_VALUE, cpuTotal = 0;
            for (int r = 0; r < reps; r++) {
                long c0 = cpuNanos(threads), t0 = System.nanoTime();
                passes[p].run();
                bestWall = Math.min(bestWall, System.nanoTime() - t0);
                cpuTotal += cpuNanos(threads) - c0;
            }
            System.out.printf(Locale.ROOT, "%-20s %-6s %2d %-10s %10.1f %12.1f %14.1f%n", name,
                    impl.name().toLowerCase(Locale.ROOT), threads, names[p], bestWall / 1e6, g.flops() / bestWall,
                    g.flops() * reps / cpuTotal * threads);
        }
    }

    /** CPU time of this thread when it does all the work (1 thread), else of the whole process. */
    private static long cpuNanos(int threads) {
        if (threads == 1) {
            return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
