package org.hanzinet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.hanzinet.data.ctw.CtwFormatException;
import org.hanzinet.data.dataset.DataLoadException;
import org.hanzinet.data.image.ImageFormatException;
import org.hanzinet.examples.cli.CliLogging;
import org.hanzinet.examples.cli.EvaluateCommand;
import org.hanzinet.examples.cli.GenerateCommand;
import org.hanzinet.examples.cli.ExportCommand;
import org.hanzinet.examples.cli.PredictCommand;
import org.hanzinet.examples.cli.ReproduceCommand;
import org.hanzinet.examples.cli.TrainCommand;
import org.hanzinet.examples.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code hanzinet generate | train | evaluate | predict | export | reproduce}. Errors the user
 * can fix (bad option, bad path, malformed CTW file, broken image, empty data set, too little heap,
 * diverged training) end with one line on stderr naming the file, line, field or value, and a non-zero
 * exit code (1; 2 for a bad option); {@code HANZINET_DEBUG=1} adds the stack trace. Anything else is a
 * bug and prints its stack trace. The library's log reaches stderr one line per WARNING
 * ({@link CliLogging}).
 */
@Command(name = "hanzinet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds Chinese characters in street photos, pixel by pixel: a pre-trained U-Net (predict), the "
                + "seed's two reference CNNs and the U-Net to train, evaluate and report (CTW format). Start with: "
                + "hanzinet predict --input photo.jpg, or hanzinet reproduce",
        subcommands = {GenerateCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                ExportCommand.class, ReproduceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CliLogging.install(System.err, debug());
        return commandLine().execute(args);
    }

    /** {@code HANZINET_DEBUG} set to anything but empty or 0. */
    static boolean debug() {
        String v = System.getenv("HANZINET_DEBUG");
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /** The configured picocli command line; stack traces for user errors when {@code HANZINET_DEBUG} is set. */
    public static CommandLine commandLine() {
        return commandLine(debug());
    }

    /** The command line with one-line errors for expected failures, and stack traces as well when {@code debug}. */
    public static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((thrown, line, parsed) -> {
            Throwable ex = unwrap(thrown);
            if (!isUserError(ex) || debug) {
                thrown.printStackTrace(line.getErr());
            }
            line.getErr().println("error: " + message(ex));
            line.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine sub = ex.getCommandLine();
            if (debug) {
                ex.printStackTrace(sub.getErr());
            }
            sub.getErr().println("error: " + ex.getMessage() + " (see: " + sub.getCommandSpec().qualifiedName() + " --help)");
            sub.getErr().flush();
            return sub.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** The exception a worker thread threw, rather than its wrapper. */
    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof CtwFormatException || ex instanceof ImageFormatException
                || ex instanceof DataLoadException || ex instanceof TrainingDivergedException;
    }

    /** The one line shown for {@code ex}: its message, with the path and the reason for file-system errors. */
    static String message(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            String cause = ex.getCause().getMessage();
            m = cause != null && m != null && m.contains(cause) ? m : m + ": " + message(ex.getCause());
        } else if (ex instanceof IOException && !(ex instanceof FileSystemException) && ex.getCause() != null
                && ex.getCause().getMessage() != null && m != null && !m.contains(ex.getCause().getMessage())) {
            m = m + " (" + ex.getCause().getMessage() + ")"; // javax.imageio's "I/O error writing PNG file!" hides the reason
        } else if (ex instanceof FileSystemException fs && fs.getReason() == null && fs.getFile() != null) {
            m = what(fs) + fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
        }
        return m == null ? ex.toString() : m;
    }

    private static String what(FileSystemException fs) {
        if (fs instanceof NoSuchFileException) {
            return "no such file: ";
        } else if (fs instanceof AccessDeniedException) {
            return "permission denied: ";
        } else if (fs instanceof FileAlreadyExistsException) {
            return "already exists: ";
        } else if (fs instanceof NotDirectoryException) {
            return "not a folder: ";
        } else if (fs instanceof DirectoryNotEmptyException) {
            return "folder not empty: ";
        }
        return fs.getClass().getSimpleName() + ": ";
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
