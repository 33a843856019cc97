package org.hanzinet.nn.parity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.SGD;
import org.hanzinet.nn.optim.schedule.CosineAnnealingLR;
import org.hanzinet.nn.optim.schedule.LinearLR;
import org.hanzinet.nn.optim.schedule.LrSchedule;
import org.hanzinet.nn.optim.schedule.LrScheduler;
import org.hanzinet.nn.optim.schedule.SequentialLR;
import org.hanzinet.nn.optim.schedule.StepLR;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimiser's learning rate as constructed and after each of 25 scheduler steps, against
 * torch.optim.lr_scheduler (StepLR, CosineAnnealingLR past T_max, LinearLR warm-up and decay, and
 * SequentialLR chaining a linear warm-up into a cosine decay), parity error <= 1e-4.
 */
class LrScheduleParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lr_step", "lr_cosine", "lr_linear", "lr_linear_decay", "lr_warmup_cosine"})
    void learningRatesMatchPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        JsonNode c = fx.config();
        SGD sgd = new SGD(Map.of("p", new Parameter(Tensor.zeros(1))), SGD.Config.of(c.get("lr").asDouble()));
        LrScheduler scheduler = new LrScheduler(sgd, schedule(c));
        int steps = c.get("steps").asInt();
        float[] lrs = new float[steps + 1];
        lrs[0] = (float) sgd.learningRate();
        for (int i = 1; i <= steps; i++) {
            sgd.step();
            scheduler.step();
            lrs[i] = (float) sgd.learningRate();
        }
        fx.assertClose("lr", Tensor.of(lrs, steps + 1), ParityFixture.TOLERANCE);
    }

    static LrSchedule schedule(JsonNode c) {
        return switch (c.get("schedule").asText()) {
            case "StepLR" -> new StepLR(c.get("step_size").asLong(), c.get("gamma").asDouble());
            case "CosineAnnealingLR" -> new CosineAnnealingLR(c.get("t_max").asLong(), c.get("eta_min").asDouble());
            case "LinearLR" -> linear(c);
            case "SequentialLR" -> SequentialLR.warmupThen(linear(c), c.get("milestone").asLong(),
                    new CosineAnnealingLR(c.get("t_max").asLong(), c.get("eta_min").asDouble()));
            default -> throw new IllegalArgumentException("no schedule for " + c);
        };
    }

    private static LinearLR linear(JsonNode c) {
        return new LinearLR(c.get("start_factor").asDouble(), c.get("end_factor").asDouble(),
                c.get("total_iters").asLong());
    }
}
