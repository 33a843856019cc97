package org.hanzinet.examples.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One epoch's progress on stderr: batches done, running loss, images per second, time left. On a terminal
 * the line is redrawn in place; otherwise (CI, a log file) a plain line is printed at most every
 * {@code plainIntervalMillis} and at the end, so logs stay short. {@code HANZINET_PROGRESS=plain|tty|off}
 * overrides the detection.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final String label;
    private final int totalBatches;
    private final Mode mode;
    private final long plainIntervalMillis;
    private final long startNanos = System.nanoTime();
    private long lastPrintMillis;

    /** How the bar is drawn. */
    public enum Mode { TTY, PLAIN, OFF }

    public ProgressBar(PrintWriter out, String label, int totalBatches, Mode mode, long plainIntervalMillis) {
        this.out = out;
        this.label = label;
        this.totalBatches = totalBatches;
        this.mode = mode;
        this.plainIntervalMillis = plainIntervalMillis;
    }

    /** The mode from {@code HANZINET_PROGRESS}, else TTY when a console is attached, else PLAIN. */
    public static Mode detectMode() {
        String env = System.getenv("HANZINET_PROGRESS");
        if (env != null && !env.isBlank()) {
            try {
                return Mode.valueOf(env.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("HANZINET_PROGRESS must be tty, plain or off, got '" + env + "'", e);
            }
        }
        return System.console() != null ? Mode.TTY : Mode.PLAIN;
    }

    /** Reports {@code batchesDone} of the total, {@code imagesDone} so far and the running mean loss. */
    public void update(int batchesDone, int imagesDone, double meanLoss) {
        if (mode == Mode.OFF) {
            return;
        }
        long nowMillis = System.currentTimeMillis();
        boolean last = batchesDone == totalBatches;
        if (mode == Mode.PLAIN && !last && nowMillis - lastPrintMillis < plainIntervalMillis) {
            return;
        }
        lastPrintMillis = nowMillis;
        String line = render(batchesDone, imagesDone, meanLoss);
        if (mode == Mode.TTY) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(int batchesDone, int imagesDone, double meanLoss) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double ips = seconds > 0 ? imagesDone / seconds : 0;
        double left = batchesDone > 0 ? seconds * (totalBatches - batchesDone) / batchesDone : Double.NaN;
        int filled = totalBatches == 0 ? WIDTH : WIDTH * batchesDone / totalBatches;
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d batches  loss %.4f  %.2f img/s  %s left",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), batchesDone, totalBatches, meanLoss, ips,
                formatDuration(left));
    }

    /** {@code 75.0 -> "1m15s"}; NaN -> "?". */
    public static String formatDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
