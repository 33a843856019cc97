package org.hanzinet.examples.data;

import java.nio.file.Path;

/**
 * The five real ReCTS photos in CTW format that ship with the repository ({@code photos/rects-ctw}), which the
 * U-Net never trains on: {@code reproduce} scores every model on them. Found under the repository folder that
 * the {@code hanzinet} launcher passes as {@code -Dhanzinet.home}, else under the working directory.
 */
public final class RealPhotos {
    /** Folder of the photos inside the repository. */
    public static final String IN_REPOSITORY = "photos/rects-ctw";

    private RealPhotos() {}

    public static Path defaultFolder() {
        String home = System.getProperty("hanzinet.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).resolve(IN_REPOSITORY);
    }
}
