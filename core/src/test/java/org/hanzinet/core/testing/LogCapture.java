package org.hanzinet.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the library logs through {@link System.Logger} (whose default backend is
 * java.util.logging) under one logger name, for as long as it is open:
 * {@code try (LogCapture log = LogCapture.of(CtwReader.class)) { ...; assertThat(log.warnings())... }}.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Captures the records of the logger named after {@code source}. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    /** Every record so far, in order. */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages of the WARNING records. */
    public synchronized List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING)
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
    }

    @Override
    public synchronized void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
