package org.hanzinet.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hanzinet.examples.data.SyntheticCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: the synthetic CTW-format data set (annotation JSONL + JPEG photos). */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate the synthetic CTW-format data set: annotations.jsonl plus images/<id>.jpg, with Chinese "
                + "signs drawn on street-like backgrounds (the data module's generator). Deterministic for a given seed.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--count", defaultValue = "51", description = "Number of images. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--size", defaultValue = "384", description = "Image side in pixels. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--seed", defaultValue = "" + SyntheticCache.SEED, description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticCache.generate(out, count, size, seed, spec.commandLine().getOut());
        return 0;
    }
}
