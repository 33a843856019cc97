package org.hanzinet.examples.unet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.augment.AugmentPipeline;
import org.hanzinet.data.dataset.Batch;
import org.hanzinet.data.dataset.BatchBuffers;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.LoaderOptions;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.ProgressBar;
import org.hanzinet.examples.train.TrainingDivergedException;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.loss.Loss;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.optim.AdamW;
import org.hanzinet.nn.optim.schedule.CosineAnnealingLR;
import org.hanzinet.nn.optim.schedule.LrScheduler;
import org.hanzinet.nn.train.PixelMetrics;
import org.hanzinet.nn.train.TrainingStep;

/**
 * Trains the U-Net on synthetic scenes. Per epoch every training scene gives one crop, augmented by
 * {@link AugmentPipeline#segmentation} (scale 0.5-2, rotation, perspective, flip, colour, blur, noise, JPEG)
 * as a function of (seed, epoch, scene), prepared two batches ahead on a loader thread; the order is drawn
 * from (seed, SHUFFLE, epoch). AdamW with a cosine learning rate per step; BCE-with-logits + soft Dice.
 * After each epoch: validation loss and pixel F1 / IoU on the whole validation scenes, then an atomic
 * checkpoint (weights, optimiser and scheduler state, the epoch history, the network config), so an
 * interrupted run resumes after its last finished epoch with the same result as an uninterrupted one.
 */
public final class UNetTrainer {
    /** Seed purpose of the augmentation stream (beside core's INIT, SHUFFLE and DROPOUT). */
    static final long AUGMENT = 0x11;

    /** What the checkpoint's configuration JSON holds. */
    public record State(UNetConfig run, int epoch, List<UNetEpoch> history) {}

    /** The trained model and the whole history. */
    public record Result(Module model, List<UNetEpoch> history) {}

    private UNetTrainer() {}

    /**
     * Trains {@code cfg} into {@code folder} up to epoch {@code stopAfter} (a later resume continues);
     * with {@code resume}, from the folder's checkpoint.
     */
    public static Result train(UNetConfig cfg, SceneSet data, RunFolder folder, boolean resume, int stopAfter,
                               PrintWriter out, PrintWriter err) throws IOException {
        Parallel.setThreads(cfg.threads());
        Module model = cfg.network().build(new Rng(Seeds.derive(cfg.seed(), Seeds.INIT)));
        AdamW optimizer = new AdamW(model, new AdamW.Config(cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay(), false));
        long totalSteps = (long) cfg.stepsPerEpoch() * cfg.epochs();
        LrScheduler scheduler = new LrScheduler(optimizer, new CosineAnnealingLR(totalSteps, 0));
        Loss loss = SegmentationLoss.of(cfg);
        TrainingStep step = new TrainingStep(model, optimizer, loss, SegmentationLoss.bce(cfg, Reduction.SUM));
        List<UNetEpoch> history = new ArrayList<>();
        int start = 0;
        if (resume) {
            if (!Files.exists(folder.checkpoint())) {
                throw new IllegalStateException("--resume: no checkpoint in " + folder.dir().toAbsolutePath()
                        + " (no epoch had finished)");
            }
            State s = UNetRuns.state(Checkpoint.load(folder.checkpoint(), model, optimizer, scheduler), folder.checkpoint());
            start = s.epoch();
            history.addAll(s.history());
            out.printf(Locale.ROOT, "Resuming %s after epoch %d of %d%n", cfg.runName(), start, cfg.epochs());
        } else {
            Json.write(folder.config(), cfg);
        }
        out.printf(Locale.ROOT, "%s: %,d parameters; %d training scenes (%d x %d crops, batch %d, %d steps per epoch), "
                        + "%d validation, %d test scenes of %d x %d; %d threads%n", cfg.runName(), model.parameterCount(),
                cfg.scenes(), cfg.crop(), cfg.crop(), cfg.batchSize(), cfg.stepsPerEpoch(), cfg.valScenes(),
                cfg.testScenes(), cfg.sceneSize(), cfg.sceneSize(), cfg.threads());
        out.flush();
        DataLoader trainLoader = new DataLoader(data.train(), LoaderOptions.of(cfg.batchSize())
                .withSeed(Seeds.derive(cfg.seed(), Seeds.SHUFFLE)).withDropLast(true).withPrefetch(2, 1), new BatchBuffers())
                .withTransform(AugmentPipeline.segmentation(cfg.crop()).withSeed(Seeds.derive(cfg.seed(), AUGMENT)));
        DataLoader valLoader = new DataLoader(data.val(), LoaderOptions.of(2).withShuffle(false).withPrefetch(1, 1),
                new BatchBuffers());
        int last = Math.min(cfg.epochs(), stopAfter);
        for (int epoch = start + 1; epoch <= last; epoch++) {
            long t0 = System.nanoTime();
            double trainLoss = trainEpoch(step, scheduler, trainLoader, epoch, cfg, err);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double[] val = validate(model, loss, valLoader);
            double seconds = (System.nanoTime() - t0) / 1e9;
            UNetEpoch r = new UNetEpoch(epoch, trainLoss, val[0], val[1], val[2], optimizer.learningRate(), seconds,
                    (double) cfg.stepsPerEpoch() * cfg.batchSize() / trainSeconds);
            history.add(r);
            out.printf(Locale.ROOT, "Epoch [%d/%d] train loss %.4f, validation loss %.4f, F1 %.4f, IoU %.4f, lr %.2e"
                            + " (%.1f images/s, %s%s)%n", epoch, cfg.epochs(), r.trainLoss(), r.valLoss(), r.valF1(),
                    r.valIoU(), r.lr(), r.imagesPerSecond(), ProgressBar.formatDuration(seconds),
                    epoch < cfg.epochs() ? ", about " + ProgressBar.formatDuration(seconds * (cfg.epochs() - epoch))
                            + " left" : "");
            out.flush();
            save(folder, cfg, model, optimizer, scheduler, epoch, history);
            UNetRuns.writeCurves(folder, cfg, history);
        }
        return new Result(model, history);
    }

    private static double trainEpoch(TrainingStep step, LrScheduler scheduler, DataLoader loader, int epoch,
                                     UNetConfig cfg, PrintWriter err) {
        step.model().train();
        int batches = cfg.stepsPerEpoch();
        ProgressBar bar = new ProgressBar(err, String.format(Locale.ROOT, "epoch %d/%d", epoch, cfg.epochs()), batches,
                ProgressBar.detectMode(), 30_000);
        double sum = 0;
        int images = 0;
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            for (int b = 0; b < batches; b++) {
                Batch batch = e.next();
                float l = step.step(batch.images(), batch.masks(), batch.weights());
                if (!Float.isFinite(l)) {
                    throw new TrainingDivergedException(epoch, b + 1, l, epoch == 1
                            ? "No checkpoint was written (the first epoch had not finished)."
                            : "The checkpoint of epoch " + (epoch - 1) + " is kept unchanged.");
                }
                scheduler.step();
                sum += l;
                images += batch.size();
                bar.update(b + 1, images, sum / (b + 1));
            }
        }
        return sum / batches;
    }

    /** {mean loss per image, pixel F1, pixel IoU} over the whole validation scenes, in evaluation mode. */
    static double[] validate(Module model, Loss loss, DataLoader val) {
        model.eval();
        PixelMetrics metrics = new PixelMetrics(0.5);
        double sum = 0;
        int n = 0;
        try (DataLoader.Epoch e = val.epoch(0)) {
            while (e.hasNext()) {
                Batch batch = e.next();
                Tensor logits = model.forward(batch.images());
                sum += (double) loss.forward(logits, batch.masks(), batch.weights()) * batch.size();
                n += batch.size();
                metrics.add(Segmenter.sigmoid(logits.copy()), batch.masks(), batch.ignores());
            }
        } finally {
            model.train();
        }
        var m = metrics.result();
        return new double[] {n == 0 ? Double.NaN : sum / n, m.f1(), m.iou()};
    }

    private static void save(RunFolder folder, UNetConfig cfg, Module model, AdamW optimizer, LrScheduler scheduler,
                             int epoch, List<UNetEpoch> history) throws IOException {
        Checkpoint.save(folder.checkpoint(), model, optimizer, scheduler,
                Json.toString(new State(cfg, epoch, List.copyOf(history))), cfg.seed(),
                Map.of(Checkpoint.NETWORK, LayerTypes.toJson(cfg.network())));
    }
}
