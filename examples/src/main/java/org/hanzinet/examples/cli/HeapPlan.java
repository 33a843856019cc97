package org.hanzinet.examples.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.hanzinet.examples.Main;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.examples.unet.UNetConfig;
import org.hanzinet.examples.unet.UNetRuns;
import picocli.CommandLine;

/**
 * The heap the launcher gives {@code train} and {@code reproduce}: the largest recommended {@code -Xmx} of the
 * reference-model runs the command would start ({@link org.hanzinet.examples.train.HeapEstimate}), never below the
 * launcher's default {@value #DEFAULT_GIB} GiB and never above 90 % of the machine's memory (past that the run's
 * own heap check stops it at once, with the estimate). {@code java -cp hanzinet.jar
 * org.hanzinet.examples.cli.HeapPlan <command and its arguments>} prints it as {@code 20g}, or nothing when the
 * arguments start no such run or do not parse (the command itself then reports the error).
 */
public final class HeapPlan {
    /** The launcher's heap when a command starts no reference-model run: enough for the U-Net and the data. */
    public static final long DEFAULT_GIB = 6;

    private HeapPlan() {}

    public static void main(String[] args) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        heapGib(os.getTotalMemorySize(), args).ifPresent(g -> System.out.println(g + "g"));
    }

    /** The heap in GiB for {@code args} on a machine with {@code physicalBytes} of memory; empty: the default. */
    static OptionalLong heapGib(long physicalBytes, String... args) {
        List<RunConfig> runs;
        try {
            runs = plannedRuns(args);
        } catch (RuntimeException | IOException e) {
            return OptionalLong.empty();
        }
        long need = runs.stream().mapToLong(c -> TrainingRun.heapEstimate(c).recommendedGib()).max().orElse(0);
        if (need == 0) {
            return OptionalLong.empty();
        }
        long cap = physicalBytes * 9 / 10 >> 30;
        return OptionalLong.of(Math.max(DEFAULT_GIB, Math.min(need, cap)));
    }

    /** The reference-model runs {@code args} would start, with their data left unresolved (no data is read). */
    static List<RunConfig> plannedRuns(String... args) throws IOException {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        CommandLine.ParseResult sub = parsed.subcommand();
        List<RunConfig> runs = new ArrayList<>();
        if (sub == null || sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
            return runs;
        }
        Object command = sub.commandSpec().userObject();
        if (command instanceof TrainCommand t) {
            if (t.resume != null) {
                RunFolder folder = RunFolder.existing(t.resume);
                if (!UNetRuns.isUNet(folder)) {
                    runs.add(Json.read(folder.config(), RunConfig.class));
                }
            } else if (!UNetConfig.MODEL.equalsIgnoreCase(t.model)) {
                runs.add(t.training.resolve(ModelKind.parse(t.model), Head.parse(t.head), ""));
            }
        } else if (command instanceof ReproduceCommand r) {
            for (String m : r.models) {
                for (String h : r.heads) {
                    runs.add(r.training.resolve(ModelKind.parse(m), Head.parse(h), ""));
                }
            }
        }
        return runs;
    }
}
