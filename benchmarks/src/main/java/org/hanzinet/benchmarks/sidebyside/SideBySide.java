package org.hanzinet.benchmarks.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.model.ReferenceModels;
import org.hanzinet.examples.unet.UNetModel;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.loss.DiceLoss;
import org.hanzinet.nn.loss.Loss;
import org.hanzinet.nn.loss.Losses;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.AdamW;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;
import org.hanzinet.nn.train.TrainingStep;

/**
 * hanzinet side of the side-by-side comparison with PyTorch: runs ONE configuration and prints one JSON
 * line (times, median, nominal GFLOP, peak RSS from /proc/self/status). Started once per configuration
 * by {@code benchmarks/scripts/side_by_side.py}; the PyTorch twin is {@code benchmarks/python/torch_worker.py}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar \
 *     org.hanzinet.benchmarks.sidebyside.SideBySide --case m2_conv3 --mode fwdbwd --size 512 \
 *     --warmup 2 --reps 5 --threads 2
 * </pre>
 * Modes: {@code fwd} (conv forward), {@code fwdbwd} (conv forward, input and weight gradients),
 * {@code train} (model forward, BCE, backward, optimiser step: model1 SGD(0.005, momentum 0.9) at batch
 * 5, model2 Adam(0.001) at batch 3; the examples module's {@code ReferenceModels} with the seed's 1-D head;
 * unet: the examples' U-Net (widths 16-32-64-128-256) on logits, BCE-with-logits (pos_weight 3) + soft Dice,
 * AdamW(0.001, weight decay 1e-4) at batch 8, as {@code train --model unet} trains it).
 */
public final class SideBySide {
    private SideBySide() {}

    /** The parsed command line. */
    record Options(String name, String mode, int size, int warmup, int reps, int threads) {
        static Options parse(String[] args) {
            String name = null;
            String mode = null;
            int size = -1;
            int warmup = 1;
            int reps = 3;
            int threads = 2;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--case" -> name = v;
                    case "--mode" -> mode = v;
                    case "--size" -> size = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--reps" -> reps = Integer.parseInt(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0 || name == null || mode == null || size <= 0 || reps < 1 || warmup < 0) {
                throw new IllegalArgumentException("usage: --case <m1_conv1..m2_conv4|model1|model2|unet> "
                        + "--mode <fwd|fwdbwd|train> --size <pixels> [--warmup 1] [--reps 3] [--threads 2]; got "
                        + Arrays.toString(args));
            }
            if (mode.equals("train") != (name.startsWith("model") || name.equals("unet"))) {
                throw new IllegalArgumentException("mode 'train' goes with model1/model2/unet, fwd/fwdbwd with the convs; got "
                        + name + " " + mode);
            }
            return new Options(name, mode, size, warmup, reps, threads);
        }
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        Parallel.setThreads(o.threads());
        jitWarmUp(o);
        Runnable step = step(o);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < o.warmup() + o.reps(); i++) {
            long t0 = System.nanoTime();
            step.run();
            double t = (System.nanoTime() - t0) / 1e9;
            if (i >= o.warmup()) {
                times.add(t);
            }
        }
        System.out.println(json(o, times));
    }

    /**
     * Runs the same configuration at a small size for a few seconds first, so that the timed warm-up at
     * full size does not run Vector API code in the interpreter (tens of times slower than compiled):
     * the JVM's counterpart of JMH's warm-up iterations. PyTorch has no JIT and needs none.
     */
    private static void jitWarmUp(Options o) {
        int small = o.mode().equals("train") ? 128 : 64;
        if (o.size() <= small) {
            return;
        }
        Runnable step = step(new Options(o.name(), o.mode(), small, 0, 1, o.threads()));
        long end = System.nanoTime() + JIT_WARMUP_NANOS;
        for (int i = 0; i < 200 && System.nanoTime() < end; i++) {
            step.run();
        }
    }

    private static final long JIT_WARMUP_NANOS = 5_000_000_000L;

    private static Runnable step(Options o) {
        return o.mode().equals("train") ? trainStep(o) : convStep(o);
    }

    private static Runnable convStep(Options o) {
        Cases.Conv c = Cases.conv(o.name());
        Rng rng = new Rng(0);
        Conv2d conv = new Conv2d(c.in(), c.out(), c.kernel(), 1, c.padding(), true, rng);
        Tensor x = Tensor.zeros(1, c.in(), o.size(), o.size()).uniform(rng, 0f, 1f);
        if (o.mode().equals("fwd")) {
            return () -> conv.forward(x);
        }
        if (!o.mode().equals("fwdbwd")) {
            throw new IllegalArgumentException("unknown mode '" + o.mode() + "' (fwd, fwdbwd, train)");
        }
        Tensor g = conv.forward(x).zerosLike().uniform(rng, 0f, 1f);
        return () -> {
            conv.zeroGrad();
            conv.forward(x);
            conv.backward(g);
        };
    }

    private static Runnable trainStep(Options o) {
        if (o.name().equals("unet")) {
            return unetStep(o);
        }
        Rng rng = new Rng(0);
        int n = Cases.batch(o.name());
        Module model = (o.name().equals("model1") ? ReferenceModels.model1(o.size(), Head.BANDS_1D, rng)
                : ReferenceModels.model2(o.size(), Head.BANDS_1D, rng)).train();
        Optimizer opt = o.name().equals("model1")
                ? new SGD(model.namedParameters(), 0.005, 0.9, 0, false)
                : new Adam(model.namedParameters(), 0.001, 0.9, 0.999, 1e-8, 0);
        BCELoss loss = new BCELoss();
        Tensor x = Tensor.zeros(n, 3, o.size(), o.size()).uniform(rng, 0f, 1f);
        Tensor target = Tensor.zeros(n, (int) ((long) o.size() * o.size())).uniform(rng, 0f, 1f)
                .map(u -> u < 0.1f ? 1f : 0f);
        return () -> {
            opt.zeroGrad();
            Tensor probs = model.forward(x);
            loss.forward(probs, target.reshape(probs.shape()));
            model.backward(loss.backward());
            opt.step();
        };
    }

    private static Runnable unetStep(Options o) {
        Rng rng = new Rng(0);
        int n = Cases.batch("unet");
        Module model = UNetModel.config(Cases.UNET_WIDTHS).build(rng).train();
        AdamW opt = new AdamW(model, new AdamW.Config(0.001, 0.9, 0.999, 1e-8, 1e-4, false));
        Loss loss = Losses.sum(1, new BCEWithLogitsLoss(Tensor.zeros(1, 1, 1).fill(3f)), 1,
                new DiceLoss(DiceLoss.Config.of(true)));
        TrainingStep step = new TrainingStep(model, opt, loss, loss);
        Tensor x = Tensor.zeros(n, 3, o.size(), o.size()).uniform(rng, 0f, 1f);
        Tensor target = Tensor.zeros(n, 1, o.size(), o.size()).uniform(rng, 0f, 1f).map(u -> u < 0.1f ? 1f : 0f);
        Tensor weight = target.zerosLike().fill(1f);
        return () -> step.step(x, target, weight);
    }

    private static String json(Options o, List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length;
        double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
        String impl = "hanzinet (JDK " + Runtime.version() + ", "
                + (VectorizationProvider.get().isVectorized() ? "Vector API" : "scalar") + ")";
        StringBuilder ts = new StringBuilder();
        for (double t : times) {
            ts.append(ts.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", t));
        }
        return String.format(Locale.ROOT, "{\"impl\": \"%s\", \"case\": \"%s\", \"mode\": \"%s\", \"size\": %d, "
                        + "\"threads\": %d, \"times_s\": [%s], \"median_s\": %.6f, \"gflop\": %.6f, \"vmhwm_kb\": %d, "
                        + "\"max_heap_mb\": %d}",
                impl, o.name(), o.mode(), o.size(), Parallel.threads(), ts, median,
                Cases.gflop(o.name(), o.mode(), o.size()), vmHwmKb(), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Peak resident set size of this process (kB) from /proc/self/status, or -1 where there is none. */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
