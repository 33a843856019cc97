package org.hanzinet.examples.train;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;

/**
 * What {@code train --resume} continues with. The configuration stored in the checkpoint is the run's
 * configuration: {@code config.json} must agree with it (an edited config.json is refused, naming each
 * differing field), and only {@link #CHANGEABLE} fields may change, each through its command-line option
 * ({@code --epochs} to train longer, {@code --threads}, {@code --data} for a moved data folder). The
 * changes are returned so the caller prints them and records them in {@code history.jsonl}.
 *
 * @param config     the configuration to train with
 * @param epochsDone the last epoch the checkpoint holds
 * @param changes    fields that differ from the checkpoint's configuration, in field order
 */
public record ResumePlan(RunConfig config, int epochsDone, List<Change> changes) {
    /** Config fields (JSON names) that a resume may change, each with the option that changes it. */
    public static final Map<String, String> CHANGEABLE = Map.of("epochs", "--epochs", "threads", "--threads",
            "data", "--data");

    /** One field changed on resume: its JSON name and the values before and after. */
    public record Change(String field, JsonNode from, JsonNode to) {
        @Override
        public String toString() {
            return field + " " + from + " -> " + to;
        }
    }

    /**
     * Checks the run in {@code folder} and applies the options given with {@code --resume} (null = not
     * given).
     *
     * @throws IllegalArgumentException in one line naming config.json, the fields and both values
     */
    public static ResumePlan of(RunFolder folder, RunConfig fromFile, Integer epochs, Integer threads, String data)
            throws IOException {
        if (!Files.exists(folder.checkpoint())) {
            throw new IllegalStateException("--resume: no checkpoint in " + folder.dir().toAbsolutePath()
                    + " (no epoch had finished)");
        }
        RunCheckpoint.State saved = RunCheckpoint.readState(folder.checkpoint());
        RunCheckpoint.requireArchitecture(folder.checkpoint(), fromFile);
        List<Change> edited = differences(saved.run(), fromFile);
        edited.removeIf(c -> (c.field().equals("epochs") && epochs != null) || (c.field().equals("threads") && threads != null)
                || (c.field().equals("data") && data != null));
        if (!edited.isEmpty()) {
            throw new IllegalArgumentException(folder.config() + " differs from the configuration of its checkpoint (epoch "
                    + saved.epoch() + "): " + describe(edited) + ". Undo the edit (a resumed run keeps its hyper-parameters;"
                    + " start a new run to change them); only " + String.join(", ", CHANGEABLE.values())
                    + " may change on resume, given on the command line");
        }
        ObjectNode n = Json.MAPPER.valueToTree(saved.run());
        if (epochs != null) {
            n.put("epochs", epochs);
        }
        if (threads != null) {
            n.put("threads", threads);
        }
        if (data != null) {
            n.put("data", data);
        }
        RunConfig cfg;
        try {
            cfg = Json.MAPPER.treeToValue(n, RunConfig.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae; // e.g. "--epochs must be >= 1, got 0"
            }
            throw e;
        }
        if (cfg.epochs() < saved.epoch()) {
            throw new IllegalArgumentException("--epochs " + cfg.epochs() + " is below the " + saved.epoch()
                    + " epochs this run has already finished (" + folder.checkpoint() + ")");
        }
        return new ResumePlan(cfg, saved.epoch(), differences(saved.run(), cfg));
    }

    /** The fields (JSON names, in order) where {@code a} and {@code b} differ. */
    static List<Change> differences(RunConfig a, RunConfig b) {
        JsonNode x = Json.MAPPER.valueToTree(a);
        JsonNode y = Json.MAPPER.valueToTree(b);
        List<Change> out = new ArrayList<>();
        for (Iterator<String> it = x.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!x.get(f).equals(y.get(f))) {
                out.add(new Change(f, x.get(f), y.get(f)));
            }
        }
        return out;
    }

    private static String describe(List<Change> edited) {
        StringBuilder sb = new StringBuilder();
        for (Change c : edited) {
            sb.append(sb.length() > 0 ? ", " : "").append(c.field()).append(" ").append(c.to()).append(" (checkpoint: ")
                    .append(c.from()).append(")");
        }
        return sb.toString();
    }
}
