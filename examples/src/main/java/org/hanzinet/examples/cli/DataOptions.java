package org.hanzinet.examples.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/** Where the data come from: a real CTW folder, or the synthetic set cached on first use. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder with a CTW annotation file (*.jsonl, e.g. "
            + "train.jsonl) and its images (<image_id>.jpg, beside it or in images/). Default: the synthetic CTW-format "
            + "set, generated on first use into the cache folder.")
    Path data;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache for the synthetic set. Default: "
            + "$HANZINET_CACHE, else ~/.cache/hanzinet.")
    Path cacheDir;

    /** The cache root: --cache-dir, $HANZINET_CACHE, else ~/.cache/hanzinet. */
    public Path cacheRoot() {
        return cacheDir != null ? cacheDir : defaultCacheRoot();
    }

    /** $HANZINET_CACHE, else ~/.cache/hanzinet. */
    public static Path defaultCacheRoot() {
        String env = System.getenv("HANZINET_CACHE");
        return env != null && !env.isBlank() ? Paths.get(env)
                : Paths.get(System.getProperty("user.home"), ".cache", "hanzinet");
    }
}
