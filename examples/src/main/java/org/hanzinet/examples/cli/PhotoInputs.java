package org.hanzinet.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.hanzinet.examples.eval.Evaluation;

/**
 * The inputs of {@code predict}: a photo, or the entries of a folder whose names end in .jpg, .jpeg or
 * .png (whatever they turn out to be: a directory or a broken file so named is reported and skipped by
 * the caller), and output names that keep each input's extension so {@code a.jpg} and {@code a.png} do
 * not overwrite each other.
 *
 * @param photos  the candidates, in name order
 * @param ignored other non-hidden entries of the folder (not read)
 */
record PhotoInputs(List<Path> photos, List<Path> ignored) {
    private static final String PHOTO = ".*\\.(jpe?g|png)$";

    /** {@code input} itself when it is a file, else its entries as above. */
    static PhotoInputs of(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return new PhotoInputs(List.of(input), List.of());
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input: no such file or folder: " + input.toAbsolutePath());
        }
        List<Path> photos = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        try (Stream<Path> s = Files.list(input)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.toLowerCase(Locale.ROOT).matches(PHOTO)) {
                    photos.add(p);
                } else if (!name.startsWith(".")) {
                    ignored.add(p);
                }
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("--input: no .jpg/.jpeg/.png files in " + input.toAbsolutePath());
        }
        return new PhotoInputs(List.copyOf(photos), List.copyOf(ignored));
    }

    /** Names outputs, each distinct from the ones before it even where file-name-safe forms coincide. */
    static final class OutputNames {
        private final Set<String> used = new HashSet<>();

        /** {@code a.jpg -> "a.jpg"}; a later {@code a?.jpg} and {@code A_.JPG} get {@code -2}, {@code -3}. */
        String next(Path photo) {
            String base = Evaluation.safe(photo.getFileName().toString());
            String name = base;
            for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) { // case-insensitive file systems
                name = base + "-" + i;
            }
            return name;
        }
    }
}
