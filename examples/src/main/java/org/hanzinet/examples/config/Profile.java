package org.hanzinet.examples.config;

/**
 * Size presets. {@link #DEFAULT} is sized so that {@code reproduce} (both models, both heads) finishes in
 * about ten minutes on two cores; {@link #SEED} is the seed's exact setting: 51 images of 2048 x 2048.
 */
public enum Profile {
    DEFAULT("default", 256, 51),
    SEED("seed", 2048, 51);

    private final String cliName;
    private final int imageSize;
    private final int images;

    Profile(String cliName, int imageSize, int images) {
        this.cliName = cliName;
        this.imageSize = imageSize;
        this.images = images;
    }

    public String cliName() {
        return cliName;
    }

    public int imageSize() {
        return imageSize;
    }

    public int images() {
        return images;
    }

    public static Profile parse(String s) {
        for (Profile p : values()) {
            if (p.cliName.equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + s + "': expected default or seed");
    }
}
