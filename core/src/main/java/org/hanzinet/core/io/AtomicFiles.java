package org.hanzinet.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every file hanzinet writes goes through here: the content is written to a temporary file in the
 * target's folder, forced to disk, then moved over the target in one atomic rename (and the folder
 * forced, where the platform allows). A crash, a kill or a full disk therefore leaves either the old
 * file or the new one, never a truncated one; a failed write deletes its temporary file.
 *
 * <p>Temporary files are named {@code .<target name>.<random digits>.hanzinet.tmp}, so that
 * {@link #removeStaleTemps} can recognise the ones a killed process left behind and touch nothing else.
 */
public final class AtomicFiles {
    /** Ending of every temporary file written here. */
    public static final String TEMP_SUFFIX = ".hanzinet.tmp";
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9]+" + Pattern.quote(TEMP_SUFFIX));

    /** Writes the content of a file to a channel (a failure midway is allowed: the target is untouched). */
    @FunctionalInterface
    public interface ChannelContent {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    /** Writes the content of a file to a stream (for ImageIO, Jackson ...); the stream is closed here. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces {@code file} with what {@code content} writes; creates missing parent folders.
     *
     * @throws IOException naming {@code file} and the cause; the previous file (if any) is unchanged and
     *     no temporary file remains
     */
    public static Path write(Path file, ChannelContent content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            forceDirectory(dir);
            return file;
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException("cannot write " + target + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** As {@link #write(Path, ChannelContent)}, for content written to a stream. */
    public static Path writeStream(Path file, StreamContent content) throws IOException {
        return write(file, ch -> {
            OutputStream out = Channels.newOutputStream(ch);
            content.writeTo(out);
            out.flush();
        });
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static Path writeBytes(Path file, byte[] bytes) throws IOException {
        return write(file, ch -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        });
    }

    /** Replaces {@code file} with {@code text} in UTF-8. */
    public static Path writeString(Path file, CharSequence text) throws IOException {
        return writeBytes(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with {@code lines}, each ended by a newline, in UTF-8. */
    public static Path writeLines(Path file, Iterable<? extends CharSequence> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (CharSequence l : lines) {
            sb.append(l).append('\n');
        }
        return writeString(file, sb);
    }

    /** True for a file name of this class's temporary files ({@code .x.json.123.hanzinet.tmp}). */
    public static boolean isTempName(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    /**
     * Deletes the temporary files a killed writer left in {@code dir} (not in sub-folders); returns them.
     * Only names of {@link #isTempName} form are touched. Call it only when no other process writes into
     * {@code dir}: a live writer's temporary file looks the same.
     */
    public static List<Path> removeStaleTemps(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (isTempName(p.getFileName().toString()) && Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; the rename itself is still atomic there
        }
    }
}
