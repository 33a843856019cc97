package org.hanzinet.examples.train;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;

/**
 * {@code history.jsonl} of a run folder: one JSON line per training session, so what a resume changed is
 * never silent. {@code {"time": ..., "event": "start", "epochs": 10}} when a run starts;
 * {@code {"time": ..., "event": "resume", "afterEpoch": 3, "changes": {"epochs": {"from": 10, "to": 15}}}}
 * when it resumes. Rewritten atomically with the new line appended (the file stays small).
 */
public final class RunHistory {
    private RunHistory() {}

    /** Records the start of a new run. */
    public static void started(RunFolder folder, int epochs) throws IOException {
        ObjectNode line = line("start");
        line.put("epochs", epochs);
        append(folder, line);
    }

    /** Records a resume after {@code afterEpoch} with the fields it changed. */
    public static void resumed(RunFolder folder, int afterEpoch, List<ResumePlan.Change> changes) throws IOException {
        ObjectNode line = line("resume");
        line.put("afterEpoch", afterEpoch);
        ObjectNode c = line.putObject("changes");
        for (ResumePlan.Change ch : changes) {
            c.putObject(ch.field()).set("from", ch.from());
            ((ObjectNode) c.get(ch.field())).set("to", ch.to());
        }
        append(folder, line);
    }

    /** The lines recorded so far (empty when there is no history file). */
    public static List<String> read(RunFolder folder) throws IOException {
        return Files.exists(folder.history()) ? Files.readAllLines(folder.history()) : List.of();
    }

    private static ObjectNode line(String event) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("event", event);
        return n;
    }

    private static void append(RunFolder folder, ObjectNode line) throws IOException {
        List<String> lines = new ArrayList<>(read(folder));
        lines.add(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
        AtomicFiles.writeLines(folder.history(), lines);
    }
}
