package org.hanzinet.examples.train;

/** A NaN or infinite training loss: names where it happened; the last good checkpoint is left untouched. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double loss, String checkpointNote) {
        super("training loss became " + loss + " at epoch " + epoch + ", batch " + batch
                + "; stopped. " + checkpointNote);
        this.epoch = epoch;
        this.batch = batch;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}
