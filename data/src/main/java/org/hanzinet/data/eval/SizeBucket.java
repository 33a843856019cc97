package org.hanzinet.data.eval;

/**
 * CTW's character size groups, by the longer side of a character's adjusted bounding box in pixels of
 * the photo at its own resolution: small {@code < 16}, medium {@code [16, 32)}, large {@code >= 32}.
 * This is the convention of the CTW paper (Yuan et al., "A Large Chinese Text Dataset in the Wild",
 * 2019) and of its ctw-baseline evaluation, which tests {@code lo <= max(w, h) < hi} on
 * {@code adjusted_bbox}; a detected component (no adjusted bbox) uses the longer side of its pixel box.
 */
public enum SizeBucket {
    SMALL("<16"),
    MEDIUM("16-32"),
    LARGE(">=32");

    private final String label;

    SizeBucket(String label) {
        this.label = label;
    }

    /** The range as printed in tables: {@code <16}, {@code 16-32}, {@code >=32}. */
    public String label() {
        return label;
    }

    public static SizeBucket of(double longerSide) {
        if (!(longerSide >= 0)) {
            throw new IllegalArgumentException("SizeBucket: longer side " + longerSide + " is not a size >= 0");
        }
        return longerSide < 16 ? SMALL : longerSide < 32 ? MEDIUM : LARGE;
    }
}
