package org.hanzinet.nn.optim.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.AdamW;
import org.hanzinet.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

class LrSchedulerTest {

    @Test
    void closedFormsByHand() {
        assertThat(new StepLR(3, 0.1).lr(1.0, 2)).isEqualTo(1.0);
        assertThat(new StepLR(3, 0.1).lr(1.0, 3)).isCloseTo(0.1, within(1e-15));
        assertThat(new StepLR(3, 0.1).lr(1.0, 7)).isCloseTo(0.01, within(1e-15));
        CosineAnnealingLR cos = new CosineAnnealingLR(10, 0.1);
        assertThat(cos.lr(1.0, 0)).isEqualTo(1.0);
        assertThat(cos.lr(1.0, 5)).isCloseTo(0.55, within(1e-15));
        assertThat(cos.lr(1.0, 10)).isCloseTo(0.1, within(1e-15));
        assertThat(cos.lr(1.0, 15)).isCloseTo(0.55, within(1e-15)); // past T_max it rises again, as in PyTorch
        LinearLR warm = LinearLR.warmup(0.25, 4);
        assertThat(warm.lr(2.0, 0)).isEqualTo(0.5);
        assertThat(warm.lr(2.0, 2)).isEqualTo(1.25);
        assertThat(warm.lr(2.0, 4)).isEqualTo(2.0);
        assertThat(warm.lr(2.0, 40)).isEqualTo(2.0);
        SequentialLR three = new SequentialLR(List.of(warm, new StepLR(1, 0.5), new CosineAnnealingLR(2, 0)),
                List.of(4L, 6L));
        assertThat(three.lr(2.0, 3)).isEqualTo(1.625);
        assertThat(three.lr(2.0, 4)).isEqualTo(2.0); // the second schedule restarts at its epoch 0
        assertThat(three.lr(2.0, 5)).isEqualTo(1.0);
        assertThat(three.lr(2.0, 6)).isEqualTo(2.0);
        assertThat(three.lr(2.0, 7)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void theSchedulerSetsTheRateOfEpochZeroAtOnceAndOneMorePerStep() {
        Optimizer opt = adamW(0.2);
        LrScheduler s = new LrScheduler(opt, LinearLR.warmup(0.5, 2));
        assertThat(opt.learningRate()).isEqualTo(0.1);
        assertThat(s.baseLr()).isEqualTo(0.2);
        s.step();
        assertThat(opt.learningRate()).isCloseTo(0.15, within(1e-15));
        s.step();
        s.step();
        assertThat(opt.learningRate()).isEqualTo(0.2);
        assertThat(s.lastEpoch()).isEqualTo(3);
        assertThat(s.lastLr()).isEqualTo(0.2);
        assertThat(s).hasToString("LrScheduler(LinearLR[startFactor=0.5, endFactor=1.0, totalIters=2], base_lr=0.2, last_epoch=3)");
    }

    @Test
    void stateRoundTripsThroughJsonAndRestoresTheRate() {
        LrSchedule schedule = SequentialLR.warmupThen(LinearLR.warmup(0.1, 5), 5, new CosineAnnealingLR(20, 1e-4));
        Optimizer a = adamW(0.1);
        LrScheduler sa = new LrScheduler(a, schedule);
        for (int i = 0; i < 8; i++) {
            sa.step();
        }
        String json = sa.stateJson();
        assertThat(json).startsWith("{\"schedule\":{\"type\":\"SequentialLR\",\"schedules\":[{\"type\":\"LinearLR\"")
                .endsWith("\"base_lr\":0.1,\"last_epoch\":8}");
        Optimizer b = adamW(0.1);
        LrScheduler sb = new LrScheduler(b, schedule);
        sb.loadState(LrScheduler.State.fromJson(json));
        assertThat(sb.lastEpoch()).isEqualTo(8);
        assertThat(b.learningRate()).isEqualTo(a.learningRate());
        sa.step();
        sb.step();
        assertThat(b.learningRate()).isEqualTo(a.learningRate());
    }

    @Test
    void everyScheduleRoundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (LrSchedule s : List.of(new StepLR(7, 0.5), new CosineAnnealingLR(10, 0.001), new LinearLR(0.1, 0.9, 5),
                SequentialLR.warmupThen(LinearLR.warmup(0.1, 3), 3, new StepLR(2, 0.1)))) {
            assertThat(json.readValue(json.writeValueAsString(s), LrSchedule.class)).isEqualTo(s);
        }
    }

    @Test
    void refusesAStateOfAnotherScheduleOrBaseRateWithoutChangingAnything() {
        Optimizer opt = adamW(0.1);
        LrScheduler s = new LrScheduler(opt, new StepLR(2, 0.5));
        s.step();
        LrScheduler.State other = new LrScheduler.State(new StepLR(3, 0.5), 0.1, 9);
        assertThatThrownBy(() -> s.loadState(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduler state is for schedule StepLR[stepSize=3, gamma=0.5], not this scheduler's "
                        + "StepLR[stepSize=2, gamma=0.5]");
        assertThatThrownBy(() -> s.loadState(new LrScheduler.State(new StepLR(2, 0.5), 0.01, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scheduler state has base_lr 0.01, but this scheduler started from 0.1");
        assertThat(s.lastEpoch()).isEqualTo(1);
        assertThat(opt.learningRate()).isEqualTo(0.1);
        assertThatThrownBy(() -> LrScheduler.State.fromJson("{\"schedule\":{\"type\":\"Nope\"},\"base_lr\":1,\"last_epoch\":0}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scheduler state is not valid: ");
        assertThatThrownBy(() -> new LrScheduler.State(new StepLR(2, 0.5), 0.1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scheduler state: last_epoch must be >= 0, got -1");
    }

    @Test
    void configsAreValidatedWithPyTorchNames() {
        assertThatThrownBy(() -> new StepLR(0, 0.1)).hasMessage("StepLR step_size must be >= 1, got 0");
        assertThatThrownBy(() -> new CosineAnnealingLR(0, 0)).hasMessage("CosineAnnealingLR T_max must be >= 1, got 0");
        assertThatThrownBy(() -> new CosineAnnealingLR(5, -1)).hasMessageContaining("eta_min");
        assertThatThrownBy(() -> new LinearLR(0, 1, 5)).hasMessage("LinearLR start_factor must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new LinearLR(0.5, 1.5, 5)).hasMessage("LinearLR end_factor must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new SequentialLR(List.of(new StepLR(1, 1)), List.of(3L)))
                .hasMessage("SequentialLR needs one milestone fewer than schedules, got 1 schedules and milestones [3]");
        assertThatThrownBy(() -> new SequentialLR(List.of(new StepLR(1, 1), new StepLR(1, 1), new StepLR(1, 1)),
                List.of(5L, 5L))).hasMessage("SequentialLR milestones must be increasing and >= 1, got [5, 5]");
    }

    private static Optimizer adamW(double lr) {
        return new AdamW(Map.of("p", new Parameter(Tensor.zeros(2))), AdamW.Config.defaults(lr));
    }
}
