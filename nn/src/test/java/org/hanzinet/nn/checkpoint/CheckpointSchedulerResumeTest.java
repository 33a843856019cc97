package org.hanzinet.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.loss.DiceLoss;
import org.hanzinet.nn.loss.Loss;
import org.hanzinet.nn.loss.Losses;
import org.hanzinet.nn.optim.AdamW;
import org.hanzinet.nn.optim.GradientClipping;
import org.hanzinet.nn.optim.schedule.CosineAnnealingLR;
import org.hanzinet.nn.optim.schedule.LinearLR;
import org.hanzinet.nn.optim.schedule.LrScheduler;
import org.hanzinet.nn.optim.schedule.SequentialLR;
import org.hanzinet.nn.optim.schedule.StepLR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new training pieces survive a checkpoint: AdamW (amsgrad) and a warm-up + cosine scheduler, trained
 * with BCE-with-logits + Dice and gradient clipping, saved mid-schedule and resumed into a fresh model,
 * optimiser and scheduler continue bit for bit (parameters, moments, learning rate). A scheduler of
 * another schedule or base rate, or a file without scheduler state, is refused before the model changes.
 */
class CheckpointSchedulerResumeTest {
    @TempDir
    Path dir;

    private final Tensor[] xs = new Tensor[6];
    private final Tensor[] ts = new Tensor[6];

    CheckpointSchedulerResumeTest() {
        Rng data = new Rng(3);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Tensor.zeros(4, 7).uniform(data, -1f, 1f);
            ts[i] = Tensor.zeros(4, 3).map(v -> data.nextDouble() < 0.3 ? 1f : 0f);
        }
    }

    @Test
    void adamWAndSchedulerResumeBitIdentically() throws IOException {
        Module a = model(11);
        AdamW oa = new AdamW(a, new AdamW.Config(0.05, 0.9, 0.99, 1e-8, 0.1, true));
        LrScheduler sa = new LrScheduler(oa, schedule());
        for (int i = 0; i < 3; i++) {
            step(a, oa, sa, i);
        }
        Path f = dir.resolve("adamw.safetensors");
        Checkpoint.save(f, a, oa, sa, "{}", 11L);
        for (int i = 3; i < 6; i++) {
            step(a, oa, sa, i);
        }

        Module b = model(999);
        AdamW ob = new AdamW(b, new AdamW.Config(0.05, 0.9, 0.99, 1e-8, 0.1, true));
        LrScheduler sb = new LrScheduler(ob, schedule());
        Checkpoint.load(f, b, ob, sb);
        assertThat(sb.lastEpoch()).isEqualTo(3);
        assertThat(ob.learningRate()).isEqualTo(schedule().lr(0.05, 3));
        for (int i = 3; i < 6; i++) {
            step(b, ob, sb, i);
        }
        assertThat(ob.learningRate()).isEqualTo(oa.learningRate());
        a.namedParameters().forEach((n, p) ->
                assertThat(b.namedParameters().get(n).value().toArray()).as(n).containsExactly(p.value().toArray()));
        assertThat(ob.state().keySet()).containsExactlyElementsOf(oa.state().keySet()).contains("0.weight.max_exp_avg_sq");
        oa.state().forEach((n, t) -> assertThat(ob.state().get(n).toArray()).as(n).containsExactly(t.toArray()));
    }

    @Test
    void aSchedulerThatDoesNotFitIsRefusedBeforeTheModelChanges() throws IOException {
        Module a = model(1);
        AdamW oa = new AdamW(a, AdamW.Config.defaults(0.01));
        LrScheduler sa = new LrScheduler(oa, schedule());
        step(a, oa, sa, 0);
        Path f = dir.resolve("sched.safetensors");
        Checkpoint.save(f, a, oa, sa, "{}", 1L);
        Path noSched = dir.resolve("nosched.safetensors");
        Checkpoint.save(noSched, a, oa, "{}", 1L);

        Module b = model(2);
        float[] before = b.namedParameters().get("0.weight").value().toArray();
        AdamW ob = new AdamW(b, AdamW.Config.defaults(0.01));
        assertThatThrownBy(() -> Checkpoint.load(f, b, ob, new LrScheduler(ob, new StepLR(5, 0.5))))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("sched.safetensors: scheduler state is for schedule SequentialLR[")
                .hasMessageContaining("not this scheduler's StepLR[stepSize=5, gamma=0.5]");
        AdamW other = new AdamW(b, AdamW.Config.defaults(0.02));
        assertThatThrownBy(() -> Checkpoint.load(f, b, other, new LrScheduler(other, schedule())))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("base_lr 0.01, but this scheduler started from 0.02");
        assertThatThrownBy(() -> Checkpoint.load(noSched, b, ob, new LrScheduler(ob, schedule())))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("nosched.safetensors: holds no learning-rate scheduler state");
        assertThat(b.namedParameters().get("0.weight").value().toArray()).containsExactly(before);
        assertThat(ob.state()).containsOnlyKeys("step");
    }

    @Test
    void schedulerStateSitsBesideExtraMetadataAndItsKeyIsReserved() throws IOException {
        Module a = model(1);
        AdamW oa = new AdamW(a, AdamW.Config.defaults(0.01));
        LrScheduler sa = new LrScheduler(oa, new StepLR(2, 0.5));
        Path f = dir.resolve("extra.safetensors");
        Checkpoint.save(f, a, oa, sa, "{}", 1L, java.util.Map.of("architecture", "{\"kind\":\"test\"}"));
        assertThat(Checkpoint.readMetadata(f)).containsEntry("architecture", "{\"kind\":\"test\"}")
                .containsEntry(Checkpoint.SCHEDULER, sa.stateJson());
        assertThatThrownBy(() -> Checkpoint.save(f, a, oa, sa, "{}", 1L, java.util.Map.of(Checkpoint.SCHEDULER, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra checkpoint metadata key 'hanzinet.scheduler' is a provenance key; choose another name");
    }

    private static SequentialLR schedule() {
        return SequentialLR.warmupThen(LinearLR.warmup(0.1, 2), 2, new CosineAnnealingLR(6, 1e-3));
    }

    private static Module model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(7, 5, true, rng), new ReLU(), new Linear(5, 3, true, rng));
    }

    private void step(Module m, AdamW o, LrScheduler s, int i) {
        Loss loss = Losses.sum(1.0, new BCEWithLogitsLoss(Tensor.of(new float[] {2f}, 1)), 0.5,
                new DiceLoss(DiceLoss.Config.of(true)));
        o.zeroGrad();
        loss.forward(m.forward(xs[i]), ts[i]);
        m.backward(loss.backward());
        GradientClipping.clipGradNorm(m, 0.5);
        o.step();
        s.step();
    }
}
