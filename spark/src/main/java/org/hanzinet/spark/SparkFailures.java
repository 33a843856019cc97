package org.hanzinet.spark;

/**
 * Reads the cause of a failed Spark job. Task failures reach the driver as a {@code SparkException}
 * whose message holds the executor's exception as text (its cause is set only when the exception could
 * be deserialized on the driver), so both are searched.
 */
final class SparkFailures {
    private SparkFailures() {}

    /** One line: the photo error, an out-of-memory note, or the first line of the failure. */
    static String cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PhotoReadException) {
                return t.getMessage();
            }
        }
        String text = String.valueOf(failure.getMessage());
        String photo = afterMarker(text, PhotoReadException.class.getName() + ": ");
        if (photo != null) {
            return photo;
        }
        if (text.contains("OutOfMemoryError")) {
            return "a worker ran out of memory (" + firstLine(text.substring(text.indexOf("OutOfMemoryError")))
                    + "): give the executors more memory (--executor-memory) or use a smaller batch or image size";
        }
        return failure.getClass().getSimpleName() + ": " + firstLine(text);
    }

    private static String afterMarker(String text, String marker) {
        int at = text.indexOf(marker);
        return at < 0 ? null : firstLine(text.substring(at + marker.length()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
