package org.hanzinet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.hanzinet.examples.cli.EvaluateCommand;
import org.hanzinet.examples.cli.GenerateCommand;
import org.hanzinet.examples.cli.PredictCommand;
import org.hanzinet.examples.cli.ReproduceCommand;
import org.hanzinet.examples.cli.TrainCommand;
import org.hanzinet.examples.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code hanzinet generate | train | evaluate | predict | reproduce}. Errors the user
 * can fix (bad path, empty data set, too little heap, diverged training) end with one clear line on
 * stderr and exit code 1; {@code HANZINET_DEBUG=1} adds the stack trace.
 */
@Command(name = "hanzinet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains, evaluates and reports the two reference CNNs that find Chinese characters in street "
                + "photos (CTW format). Start with: hanzinet reproduce",
        subcommands = {GenerateCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                ReproduceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        return commandLine().execute(args);
    }

    /** The configured picocli command line (clear one-line errors for expected failures). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (!isUserError(ex) || System.getenv("HANZINET_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().println("error: " + message(ex));
            line.getErr().flush();
            return 1;
        });
        return cl;
    }

    private static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof TrainingDivergedException;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            m = m + ": " + ex.getCause().getMessage();
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            m = "no such file: " + m;
        }
        return m == null ? ex.toString() : m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hanzinet " + (v == null ? "(development build)" : v) + ", Java "
                    + System.getProperty("java.version")};
        }
    }
}
