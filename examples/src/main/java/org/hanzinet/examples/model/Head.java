package org.hanzinet.examples.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a model's few output values are spread over the image.
 *
 * <p>{@link #BANDS_1D} is the seed's head: the K outputs, seen as a 1-D signal, are nearest-up-sampled to
 * H*W values and read in raster order, so each output covers a band of rows. {@link #GRID_2D} arranges
 * the outputs as a small grid (8 x 8 for model 1, 4 x 5 for model 2) and up-samples it bilinearly to
 * H x W, so each output covers a patch of the image. Written to {@code config.json} as the command-line
 * name ({@code "1d"}, {@code "2d"}).
 */
public enum Head {
    BANDS_1D("1d"),
    GRID_2D("2d");

    private final String cliName;

    Head(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in run-folder names: {@code 1d} or {@code 2d}. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Parses {@code 1d}/{@code 2d} (or the enum name), naming the bad value otherwise. */
    @JsonCreator
    public static Head parse(String s) {
        for (Head h : values()) {
            if (h.cliName.equalsIgnoreCase(s) || h.name().equalsIgnoreCase(s)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown head '" + s + "': expected 1d or 2d");
    }
}
