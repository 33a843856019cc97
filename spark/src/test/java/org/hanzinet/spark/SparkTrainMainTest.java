package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point, run in-process on the tests' local[2] context. */
class SparkTrainMainTest {
    /** What --model-factory names: a public class with a public no-argument constructor. */
    public static final class SmallFactory implements ModelFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public Module create() {
            return TestModels.small(41);
        }
    }

    @TempDir
    Path dir;

    @Test
    void trainsFromAnnotationsAndAnImageFolderAndWritesTheCheckpoint() throws Exception {
        SparkFixture.spark();
        SparkFixture.photos(dir, 4, 32);
        Path ckpt = dir.resolve("model.safetensors");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkTrainMain.run(new String[] {"--annotations", dir.resolve("annotations.jsonl").toString(),
                "--images", dir.resolve("images").toUri().toString(), "--model-factory", SmallFactory.class.getName(),
                "--checkpoint", ckpt.toString(), "--epochs", "2", "--batch-size", "2", "--size", "32", "--partitions", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("epoch 1/2: mean loss ").contains("epoch 2/2: mean loss ");
        assertThat(Checkpoint.readMetadata(ckpt)).containsEntry(SafetensorsEpochCheckpoint.EPOCH_KEY, "2");
    }

    @Test
    void badOptionsAreOneLineWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(SparkTrainMain.run(new String[] {"--annotations", "a", "--images", "b", "--checkpoint", "c"},
                System.out, e)).isEqualTo(2);
        assertThat(SparkTrainMain.run(new String[] {"--annotations", "a", "--images", "b", "--checkpoint", "c",
                "--model-factory", "no.such.Factory"}, System.out, e)).isEqualTo(2);
        assertThat(SparkTrainMain.run(new String[] {"--annotations", "a", "--images", "b", "--checkpoint", "c",
                "--model-factory", SmallFactory.class.getName(), "--mode", "async"}, System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "hanzinet-spark: missing required option --model-factory",
                "hanzinet-spark: --model-factory no.such.Factory: no public class with a public no-argument constructor "
                        + "on the classpath (ClassNotFoundException)",
                "hanzinet-spark: --mode must be sync or average, got 'async'");
    }
}
