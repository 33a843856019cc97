package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hanzinet.data.dataset.DataLoadException;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.LoaderOptions;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.data.SplitData;
import org.hanzinet.examples.model.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' data: the data module's datasets at the run's size, split in file order, checked before training. */
class CtwDataTest {
    @TempDir
    Path tmp;

    private static RunConfig config(Path data, int size) {
        return new RunConfig(ModelKind.MODEL1, Head.BANDS_1D, "default", data.toString(), size, 10, 1, 2,
                OptimizerKind.SGD, 0.005, 0.9, 0.9, 0.999, 1e-8, 0, 0.7, 0.1, 1, 1);
    }

    @Test
    void splitsInFileOrderAtTheRunsSize() throws Exception {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, 40, 5);
        SplitData split = CtwData.load(config(data, 32));
        assertThat(split.sizes()).containsExactly(7, 1, 2);
        assertThat(split.val().id(0)).isEqualTo("0000007");
        Sample s = split.test().get(1);
        assertThat(s.id()).isEqualTo("0000009");
        assertThat(s.image().shape()).containsExactly(3, 32, 32);
        assertThat(s.mask().sum()).isPositive();
    }

    @Test
    void aBrokenPhotoStopsTheLoadBeforeAnyTraining() throws Exception {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, 32, 5);
        Files.write(data.resolve("0000008.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        assertThatThrownBy(() -> CtwData.load(config(data, 32))).hasMessageContaining("0000008.png");
    }

    /**
     * Above 512 px photos are decoded when their batch is prepared: a broken one then fails the batch with
     * a DataLoadException naming sample and file, which the CLI prints as one line.
     */
    @Test
    void aBrokenLargePhotoFailsItsBatchWithAOneLineUserError() throws Exception {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, 32, 5);
        Files.write(data.resolve("0000001.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        SplitData split = CtwData.load(config(data, 520));
        DataLoader loader = new DataLoader(split.train(), LoaderOptions.of(2).withShuffle(false).withPrefetch(0, 1));
        DataLoadException e = catchThrowableOfType(() -> loader.epoch(0).next(), DataLoadException.class);
        assertThat(e).hasMessageContaining("0000001").hasMessageContaining("0000001.png");
        assertThat(Main.isUserError(e)).isTrue();
        assertThat(Main.message(e)).doesNotContain("\n");
    }
}
