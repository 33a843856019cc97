package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.train.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted run resumed from its checkpoint gives bit-for-bit the losses and weights of an uninterrupted one. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumedModel2RunIsBitwiseIdenticalToAnUninterruptedOne() throws IOException {
        // Model 2: Adam state and dropout masks must both survive the interruption.
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, 16, 11);
        String[] common = {"--model", "model2", "--head", "2d", "--data", data.toString(), "--image-size", "16",
                "--images", "10", "--epochs", "3", "--batch-size", "3", "--threads", "2", "--seed", "5"};
        CliRunner.Result full = CliRunner.run(concat(common, "--runs", tmp.resolve("full").toString()));
        assertThat(full.exitCode()).as(full.err()).isZero();
        CliRunner.Result first = CliRunner.run(concat(common, "--runs", tmp.resolve("split").toString(),
                "--stop-after", "1"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path splitRun = CliSmokeTest.onlyRunFolder(tmp.resolve("split"));
        assertThat(LossCsv.read(splitRun.resolve("losses.csv"))).hasSize(1);
        CliRunner.Result resumed = CliRunner.run("train", "--resume", splitRun.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming model2-2d after epoch 1 of 3").contains("Epoch [3/3]")
                .doesNotContain("Epoch [1/3]");

        Path fullRun = CliSmokeTest.onlyRunFolder(tmp.resolve("full"));
        List<EpochRecord> a = LossCsv.read(fullRun.resolve("losses.csv"));
        List<EpochRecord> b = LossCsv.read(splitRun.resolve("losses.csv"));
        assertThat(b).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(i).trainLoss()).isEqualTo(a.get(i).trainLoss());
            assertThat(b.get(i).lastBatchLoss()).isEqualTo(a.get(i).lastBatchLoss());
            assertThat(b.get(i).valLoss()).isEqualTo(a.get(i).valLoss());
        }
        Map<String, Tensor> wa = SafeTensors.read(fullRun.resolve("checkpoint.safetensors"));
        Map<String, Tensor> wb = SafeTensors.read(splitRun.resolve("checkpoint.safetensors"));
        assertThat(wb.keySet()).isEqualTo(wa.keySet()).contains("fc.weight", "optim.fc.weight.exp_avg_sq");
        wa.forEach((name, t) -> assertThat(wb.get(name).toArray()).as(name).isEqualTo(t.toArray()));
    }

    static String[] concat(String[] common, String... more) {
        String[] out = new String[common.length + more.length + 1];
        out[0] = "train";
        System.arraycopy(common, 0, out, 1, common.length);
        System.arraycopy(more, 0, out, 1 + common.length, more.length);
        return out;
    }
}
