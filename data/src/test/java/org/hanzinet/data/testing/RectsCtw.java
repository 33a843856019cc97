package org.hanzinet.data.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;

/**
 * The five real ReCTS photos in CTW format that ship with this module's tests
 * ({@code photos/rects-ctw} at the repository's top, on this module's test classpath; provenance in its README.md), found on the test classpath so
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
                    + " (expected in photos/rects-ctw, added to the test classpath by data/pom.xml)");
        }
        if ("jar".equals(url.getProtocol())) {
            return extracted();
        }
        if (!"file".equals(url.getProtocol())) {
            throw new AssertionError("real CTW test data must be a folder on disk or in the test-jar, found " + url);
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

    /**
     * Another module's tests read this module's test-jar: the files are copied out of it into
     * {@code target/rects-ctw} of the module the tests run in (the annotation file, then the photos it names).
     */
    private static Path extracted() {
        try {
            Path dir = targetFolder("rects-ctw");
            Path annotations = dir.resolve("annotations.jsonl");
            copy(RESOURCE, annotations);
            for (CtwImage img : CtwReader.readAll(annotations, CtwReadOptions.defaults())) {
                copy("/rects-ctw/images/" + img.fileName(), dir.resolve("images").resolve(img.fileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the real CTW test data out of the test-jar", e);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = RectsCtw.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("real CTW test data: " + resource + " is not in the test-jar");
            }
            Files.createDirectories(to.getParent());
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code target/<name>} of the module the tests run in, created if missing. */
    public static Path targetFolder(String name) throws IOException {
        return Files.createDirectories(Path.of("target", name).toAbsolutePath());
    }
}
