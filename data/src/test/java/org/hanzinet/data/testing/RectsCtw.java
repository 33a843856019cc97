package org.hanzinet.data.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The five real ReCTS photos in CTW format that ship with this module's tests
 * ({@code data/src/test/resources/rects-ctw}, provenance in its README.md), found on the test classpath so
 * that a fresh clone needs nothing beside the repository. Missing data fails the test: it is never skipped.
 */
public final class RectsCtw {
    private static final String RESOURCE = "/rects-ctw/annotations.jsonl";

    private RectsCtw() {
    }

    /** The folder holding {@code annotations.jsonl} and {@code images/}, as a file on disk. */
    public static Path folder() {
        URL url = RectsCtw.class.getResource(RESOURCE);
        if (url == null) {
            throw new AssertionError("real CTW test data not on the test classpath: " + RESOURCE
                    + " (expected in data/src/test/resources/rects-ctw)");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new AssertionError("real CTW test data must be a folder on disk, found " + url);
        }
        try {
            Path annotations = Path.of(url.toURI());
            if (!Files.isDirectory(annotations.resolveSibling("images"))) {
                throw new AssertionError("real CTW test data has no images/ folder beside " + annotations);
            }
            return annotations.getParent();
        } catch (URISyntaxException e) {
            throw new AssertionError("bad test resource URL " + url, e);
        }
    }

    /** {@code target/<name>} of the module the tests run in, created if missing. */
    public static Path targetFolder(String name) throws IOException {
        return Files.createDirectories(Path.of("target", name).toAbsolutePath());
    }
}
