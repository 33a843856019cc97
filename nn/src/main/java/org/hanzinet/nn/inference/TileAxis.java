package org.hanzinet.nn.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiles along one axis of a photo padded to {@code padded} (a multiple of the stride): each tile
 * reads {@code [start, start + length)} of the padded photo and keeps its core {@code [coreFrom, coreTo)}.
 * Cores partition {@code [0, padded)}; every tile starts on a multiple of the stride and lies inside the
 * padded photo, and every core is at least {@code margin} pixels from its tile's edges except where that
 * edge is the photo's own, so a model whose receptive field reaches at most {@code margin} pixels sees
 * around each kept pixel exactly what it sees in one untiled run.
 */
record TileAxis(int start, int length, int coreFrom, int coreTo) {

    /**
     * @param padded photo size along the axis after padding, a multiple of {@code stride}
     * @param tile   tile size, a multiple of {@code stride}
     * @param margin context kept on each inner side, a multiple of {@code stride}, {@code 2 * margin < tile}
     */
    static List<TileAxis> plan(int padded, int tile, int margin, int stride) {
        List<TileAxis> out = new ArrayList<>();
        if (padded <= tile) {
            out.add(new TileAxis(0, padded, 0, padded));
            return out;
        }
        int step = tile - 2 * margin;
        for (int coreFrom = 0; coreFrom < padded; coreFrom += step) {
            int coreTo = Math.min(padded, coreFrom + step);
            int start = Math.max(0, Math.min(padded - tile, coreFrom - margin));
            if (start % stride != 0 || coreFrom < start || coreTo > start + tile) {
                throw new IllegalStateException("TileAxis: tile [" + start + ", " + (start + tile) + ") misses core ["
                        + coreFrom + ", " + coreTo + ") of " + padded + " at stride " + stride);
            }
            out.add(new TileAxis(start, tile, coreFrom, coreTo));
        }
        return out;
    }

    /** The smallest multiple of {@code stride} that is {@code >= size}. */
    static int padTo(int size, int stride) {
        return (int) (((long) size + stride - 1) / stride * stride);
    }
}
