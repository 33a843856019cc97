package org.hanzinet.examples.train;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.report.Json;

/**
 * What a checkpoint's weights were trained as: model, head and input side (which fixes every layer size,
 * e.g. the first Linear's in_features). Stored in the checkpoint's metadata under {@link #KEY} and
 * compared with a run's configuration before the weights are used: the two heads of a model have the same
 * parameter shapes, so a shape check alone would accept the wrong one. A full network definition stored
 * in the checkpoint can later replace this record; {@link #mismatch} is the one comparison to replace.
 */
public record Architecture(String model, String head, int imageSize) {
    /** Metadata key of the JSON record. */
    public static final String KEY = "hanzinet.architecture";

    /** The architecture a run configuration builds. */
    public static Architecture of(RunConfig cfg) {
        return new Architecture(cfg.model().cliName(), cfg.head().cliName(), cfg.imageSize());
    }

    public String toJson() {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The architecture recorded in a checkpoint's metadata: the {@link #KEY} record, else (checkpoints
     * written before it existed) the model, head and size of the run configuration stored with them.
     *
     * @throws IOException naming {@code file} when it records neither
     */
    public static Architecture recorded(Map<String, String> meta, Path file) throws IOException {
        String json = meta.get(KEY);
        if (json != null) {
            try {
                return Json.MAPPER.readValue(json, Architecture.class);
            } catch (IOException e) {
                throw new IOException(file + ": unreadable " + KEY + " metadata '" + json + "': " + e.getMessage(), e);
            }
        }
        return of(RunCheckpoint.state(meta, file).run());
    }

    /** The fields in which {@code recorded} differs from {@code expected}, or null when they agree. */
    public static String mismatch(Architecture recorded, Architecture expected) {
        StringBuilder sb = new StringBuilder();
        if (!recorded.model.equalsIgnoreCase(expected.model)) {
            sb.append("model");
        }
        if (!recorded.head.equalsIgnoreCase(expected.head)) {
            sb.append(sb.length() > 0 ? ", " : "").append("head");
        }
        if (recorded.imageSize != expected.imageSize) {
            sb.append(sb.length() > 0 ? ", " : "").append("image size");
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * Fails in one line naming both architectures when the checkpoint {@code file} was trained as
     * something other than what {@code configFile} describes.
     */
    public static void requireSame(Path file, Architecture recorded, Path configFile, Architecture expected) {
        String diff = mismatch(recorded, expected);
        if (diff != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s was trained as %s but %s describes %s "
                            + "(different %s): use the checkpoint's own run folder, or train this configuration",
                    file, recorded.describe(), configFile, expected.describe(), diff));
        }
    }

    /** {@code model1 2d head, 256 x 256 px}. */
    public String describe() {
        return model + " " + head + " head, " + imageSize + " x " + imageSize + " px";
    }
}
