package org.hanzinet.data.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared real-data folder {@code shared/data/rects-ctw} that lives beside the repository
 * (CI clones the repository next to {@code shared/}; a git worktree may sit one level deeper, so the
 * ancestors of the project root are tried in turn). Missing data fails the test: it is never skipped.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The project root: the parent of the Maven module directory the tests run in. */
    public static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** {@code .../shared/data/rects-ctw}, or an {@link AssertionError} naming every place looked at. */
    public static Path rectsCtw() {
        List<Path> tried = new ArrayList<>();
        for (Path dir = projectRoot().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/rects-ctw");
            tried.add(candidate);
            if (Files.isRegularFile(candidate.resolve("annotations.jsonl"))) {
                return candidate;
            }
        }
        throw new AssertionError("real CTW test data not found: expected ../shared/data/rects-ctw beside the project root "
                + projectRoot() + "; looked in " + tried);
    }
}
