package org.hanzinet.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hanzinet.examples.train.EpochRecord;

/**
 * Draws training and validation loss per epoch (and the seed's reported training losses, when given) into
 * a PNG with Java2D; works headless.
 */
public final class LossCurvePlot {
    private static final int W = 720;
    private static final int H = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VAL = new Color(0xff7f0e);
    private static final Color SEED = new Color(0x7f7f7f);

    private LossCurvePlot() {}

    /** Writes the plot; {@code seedLosses} may be empty. */
    public static void write(Path png, String title, List<EpochRecord> history, double[] seedLosses) throws IOException {
        double[] train = history.stream().mapToDouble(EpochRecord::trainLoss).toArray();
        double[] val = history.stream().mapToDouble(EpochRecord::valLoss).toArray();
        write(png, title, "BCE loss", List.of(new Series("train (mean)", train, TRAIN, false),
                new Series("validation", val, VAL, false), new Series("seed (reported)", seedLosses, SEED, true)));
    }

    /** One named curve: a value per epoch (NaN = none), drawn solid or dashed. */
    public record Series(String name, double[] values, Color color, boolean dashed) {}

    /** Default colours of the first, second and third curve. */
    public static final Color[] COLORS = {TRAIN, VAL, SEED};

    /** Plots {@code series} against the epoch (1, 2, ...) on a y axis from 0 to just above the largest value. */
    public static void write(Path png, String title, String yLabel, List<Series> series) throws IOException {
        int epochs = 0;
        double max = 0;
        for (Series s : series) {
            epochs = Math.max(epochs, s.values().length);
            for (double v : s.values()) {
                max = Math.max(max, finite(v));
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            drawAxes(g, title, yLabel, Math.max(epochs, 1), max);
            for (Series s : series) {
                drawSeries(g, s.values(), epochs, max, s.color(), s.dashed());
            }
            legend(g, series.stream().map(Series::name).toArray(String[]::new),
                    series.stream().map(Series::color).toArray(Color[]::new));
        } finally {
            g.dispose();
        }
        Png.write(img, png);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static int x(int epoch, int epochs) {
        return epochs <= 1 ? LEFT + (W - LEFT - RIGHT) / 2 : LEFT + (W - LEFT - RIGHT) * (epoch - 1) / (epochs - 1);
    }

    private static int y(double v, double max) {
        return (int) Math.round(H - BOTTOM - (H - TOP - BOTTOM) * v / max);
    }

    private static void drawAxes(Graphics2D g, String title, String yLabel, int epochs, double max) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            int yy = y(v, max);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, yy, W - RIGHT, yy);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), 12, yy + 4);
        }
        int step = Math.max(1, epochs / 10);
        for (int e = 1; e <= epochs; e += step) {
            g.drawString(Integer.toString(e), x(e, epochs) - 4, H - BOTTOM + 18);
        }
        g.drawString("epoch", (LEFT + W - RIGHT) / 2 - 15, H - 12);
        g.drawString(yLabel, 12, TOP - 8);
    }

    private static void drawSeries(Graphics2D g, double[] v, int epochs, double max, Color c, boolean dashed) {
        g.setColor(c);
        g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6, 5}, 0)
                : new BasicStroke(2.5f));
        Path2D path = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                continue;
            }
            int xx = x(i + 1, epochs);
            int yy = y(v[i], max);
            if (started) {
                path.lineTo(xx, yy);
            } else {
                path.moveTo(xx, yy);
                started = true;
            }
            g.fillOval(xx - 3, yy - 3, 7, 7);
        }
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, String[] names, Color[] colors) {
        int x0 = W - RIGHT + 15;
        for (int i = 0; i < names.length; i++) {
            int yy = TOP + 20 + 22 * i;
            g.setColor(colors[i]);
            g.fillRect(x0, yy - 8, 18, 8);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x0 + 24, yy);
        }
    }
}
