package org.hanzinet.spark;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a Spark run trains.
 *
 * @param epochs          passes over the image list (epochs are numbered from 1)
 * @param batchSize       the global batch B, whatever the number of workers
 * @param seed            the seed every random stream derives from (shuffle: (seed, epoch); dropout:
 *                        (seed, epoch, step, sample))
 * @param mode            synchronous gradient summing, or parameter averaging
 * @param averagingPeriod parameter averaging: local steps between two averages (k); 1 for synchronous
 * @param partitions      how many partitions the image list is cut into (0: Spark's default parallelism)
 * @param imageWidth      photos are resized to this width (0 with height 0: keep the declared size)
 * @param imageHeight     target height
 */
public record SparkTrainingConfig(int epochs, int batchSize, long seed, Mode mode, int averagingPeriod, int partitions,
                                  int imageWidth, int imageHeight) implements Serializable {

    /** How the workers' work is combined. */
    public enum Mode {
        /** Every step: gradients of each worker's share summed (tree aggregation), one optimiser step on the driver. */
        SYNCHRONOUS,
        /** Every k steps: each worker runs k local steps on its shares, the driver averages weights and optimiser state. */
        PARAMETER_AVERAGING
    }

    public SparkTrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("spark training epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("spark training batchSize must be >= 1, got " + batchSize);
        }
        if (mode == null) {
            throw new IllegalArgumentException("spark training mode must be SYNCHRONOUS or PARAMETER_AVERAGING, got null");
        }
        if (averagingPeriod < 1 || (mode == Mode.SYNCHRONOUS && averagingPeriod != 1)) {
            throw new IllegalArgumentException("spark training averagingPeriod must be >= 1 (and 1 when SYNCHRONOUS), got "
                    + averagingPeriod + " with " + mode);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("spark training partitions must be >= 0 (0 = Spark's default), got " + partitions);
        }
        if (imageWidth < 0 || imageHeight < 0 || (imageWidth == 0) != (imageHeight == 0)) {
            throw new IllegalArgumentException("spark training image size must be two positive values or 0x0 (declared), got "
                    + imageWidth + "x" + imageHeight);
        }
    }

    public static SparkTrainingConfig synchronous(int epochs, int batchSize, long seed, int partitions, int size) {
        return new SparkTrainingConfig(epochs, batchSize, seed, Mode.SYNCHRONOUS, 1, partitions, size, size);
    }

    public static SparkTrainingConfig averaging(int epochs, int batchSize, long seed, int k, int partitions, int size) {
        return new SparkTrainingConfig(epochs, batchSize, seed, Mode.PARAMETER_AVERAGING, k, partitions, size, size);
    }

    /** The configuration as JSON, stored in the checkpoint's provenance. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"epochs\":%d,\"batchSize\":%d,\"seed\":%d,\"mode\":\"%s\",\"averagingPeriod\":%d,"
                + "\"partitions\":%d,\"imageWidth\":%d,\"imageHeight\":%d}", epochs, batchSize, seed, mode, averagingPeriod,
                partitions, imageWidth, imageHeight);
    }
}
