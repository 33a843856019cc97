package org.hanzinet.examples.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The command line's view of the library's log: the library logs through the JDK's {@link System.Logger},
 * whose default backend is java.util.logging; this replaces that backend's two-line console format with
 * one line per record on stderr ({@code warning: hanzinet kernels: scalar fallback: ...}), WARNING and
 * above only, so a user sees what to act on (the missing {@code --add-modules} flag, skipped CTW records)
 * and nothing else. {@code HANZINET_DEBUG=1} shows INFO and stack traces as well. A user's own
 * {@code java.util.logging.config.file} or {@code .class} is left alone.
 */
public final class CliLogging {
    private CliLogging() {}

    /** Routes java.util.logging's root logger to {@code err}, one line per record. */
    public static void install(PrintStream err, boolean debug) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = debug ? Level.INFO : Level.WARNING;
        Handler line = new StreamHandler(err, new OneLine(debug)) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // stderr order matters: the line must come before the command's own error line
            }
        };
        line.setLevel(level);
        root.setLevel(level);
        root.addHandler(line);
    }

    /** {@code warning: <message>}; the stack trace of an attached exception only in debug mode. */
    static final class OneLine extends Formatter {
        private final boolean debug;

        OneLine(boolean debug) {
            this.debug = debug;
        }

        @Override
        public String format(LogRecord r) {
            String prefix = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: "
                    : r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
            StringBuilder sb = new StringBuilder(prefix).append(formatMessage(r)).append(System.lineSeparator());
            if (debug && r.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
