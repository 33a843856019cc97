package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.train.ParameterVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints after every epoch, resume, and the one-line errors with the last checkpoint kept. */
class CheckpointAndFailureTest {
    static final int SIZE = 32;
    static final ModelFactory SMALL = () -> TestModels.small(21);
    static final OptimizerFactory ADAM = m -> new Adam(m.namedParameters(), 1e-2, 0.9, 0.999, 1e-8, 0);

    @TempDir
    Path dir;

    @Test
    void resumedRunEqualsAnUninterruptedOne() throws Exception {
        List<PhotoSample> photos = SparkFixture.photos(dir, 5, 32);
        SparkTrainingConfig three = SparkTrainingConfig.synchronous(3, 2, 4, 2, SIZE);
        SparkTrainer whole = new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, three);
        List<EpochLoss> all = whole.fit(photos, new SafetensorsEpochCheckpoint(dir.resolve("whole.safetensors"), three));

        Path file = dir.resolve("parts.safetensors");
        SparkTrainingConfig two = SparkTrainingConfig.synchronous(2, 2, 4, 2, SIZE);
        new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, two).fit(photos, new SafetensorsEpochCheckpoint(file, two));
        assertThat(Checkpoint.readMetadata(file)).containsEntry(SafetensorsEpochCheckpoint.EPOCH_KEY, "2");
        SparkTrainer resumed = new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, three);
        List<EpochLoss> rest = resumed.fit(photos, new SafetensorsEpochCheckpoint(file, three));

        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).epoch()).isEqualTo(3);
        assertThat(rest.get(0).meanLoss()).isCloseTo(all.get(2).meanLoss(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ParameterVectors.maxAbsDifference(ParameterVectors.values(whole.model()),
                ParameterVectors.values(resumed.model()))).isLessThan(1e-6f);
        Module loaded = SMALL.create();
        Checkpoint.load(file, loaded, null);
        assertThat(ParameterVectors.values(loaded)).containsExactly(ParameterVectors.values(resumed.model()));
        assertThat(Checkpoint.readMetadata(file)).containsEntry(SafetensorsEpochCheckpoint.EPOCH_KEY, "3");
    }

    @Test
    void photoMissingOnAWorkerNamesItsPathAndKeepsTheLastCheckpoint() throws Exception {
        List<PhotoSample> photos = SparkFixture.photos(dir, 4, 32);
        Path file = dir.resolve("run.safetensors");
        SparkTrainingConfig one = SparkTrainingConfig.synchronous(1, 2, 4, 2, SIZE);
        new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, one).fit(photos, new SafetensorsEpochCheckpoint(file, one));
        byte[] before = Files.readAllBytes(file);
        String missing = photos.get(3).uri();
        Files.delete(Path.of(URI.create(missing)));

        SparkTrainingConfig two = SparkTrainingConfig.synchronous(2, 2, 4, 2, SIZE);
        SparkTrainer t = new SparkTrainer(SparkFixture.spark(), SMALL, ADAM, two);
        assertThatThrownBy(() -> t.fit(photos, new SafetensorsEpochCheckpoint(file, two)))
                .isInstanceOf(SparkTrainingException.class)
                .hasMessageStartingWith("epoch 2 step ")
                .hasMessageContaining("photo " + missing + " not found on worker ")
                .hasMessageEndingWith("; the checkpoint of epoch 1 is kept")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void unreachableMasterIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        assertThatThrownBy(() -> SparkMasters.open(url, "unreachable"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Spark master " + url + " is unreachable (ConnectException")
                .hasMessageEndingWith("): start the master or correct the URL");
        assertThatThrownBy(() -> SparkMasters.requireReachable("spark://nohostport"))
                .hasMessage("Spark master spark://nohostport: 'nohostport' is not host:port");
        SparkMasters.requireReachable("local[2]");
    }

    @Test
    void configRefusesBadValuesNamingThem() {
        assertThatThrownBy(() -> SparkTrainingConfig.synchronous(0, 2, 1, 2, 32))
                .hasMessage("spark training epochs must be >= 1, got 0");
        assertThatThrownBy(() -> new SparkTrainingConfig(1, 2, 1, SparkTrainingConfig.Mode.SYNCHRONOUS, 3, 2, 32, 32))
                .hasMessage("spark training averagingPeriod must be >= 1 (and 1 when SYNCHRONOUS), got 3 with SYNCHRONOUS");
        assertThatThrownBy(() -> new SparkTrainingConfig(1, 2, 1, SparkTrainingConfig.Mode.PARAMETER_AVERAGING, 2, 2, 32, 0))
                .hasMessage("spark training image size must be two positive values or 0x0 (declared), got 32x0");
    }
}
