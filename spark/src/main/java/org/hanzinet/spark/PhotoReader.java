package org.hanzinet.spark;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.RgbImage;

/**
 * Reads a photo on a worker through Hadoop's file system layer (the one Spark itself uses, configured
 * from the job's Hadoop configuration, so local paths, HDFS and object stores all work) and prepares it
 * exactly as {@link CtwDataset} does on one machine.
 */
final class PhotoReader {
    private PhotoReader() {}

    /** Sample tensors {@code image [3, H, W]}, {@code mask [1, H, W]}, {@code weight [1, H, W]} (1 - ignore). */
    static Tensor[] read(PhotoSample s, DatasetOptions options, Configuration conf) {
        RgbImage px = decode(s, bytes(s.uri(), conf));
        CtwImage ann = s.annotations();
        int w = options.resizes() ? options.width() : ann.width();
        int h = options.resizes() ? options.height() : ann.height();
        Tensor image = Tensor.zeros(1, 3, h, w);
        Tensor mask = Tensor.zeros(1, 1, h, w);
        Tensor ignore = Tensor.zeros(1, 1, h, w);
        CtwDataset.fill(ann, px, options, image.slice(0), mask.slice(0), ignore.slice(0));
        Tensor weight = Tensor.full(1f, 1, 1, h, w).sub(ignore);
        return new Tensor[] {image, mask, weight};
    }

    /**
     * The bytes at {@code uri}. Local files ({@code file:}, or a path without scheme when the default file
     * system is local) are read with java.nio, everything else through Hadoop's file system: Hadoop 3.4's
     * UserGroupInformation calls {@code Subject.getSubject}, which JDK 24+ refuses, so on JDK 25 only local
     * photos can be read (see the README's JDK 25 note).
     */
    static byte[] bytes(String uri, Configuration conf) {
        Path path = new Path(uri);
        String scheme = path.toUri().getScheme();
        boolean local = "file".equals(scheme)
                || (scheme == null && conf.get("fs.defaultFS", "file:///").startsWith("file:"));
        return local ? localBytes(uri) : hadoopBytes(uri, path, conf);
    }

    private static byte[] localBytes(String uri) {
        try {
            return Files.readAllBytes(uri.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(uri))
                    : java.nio.file.Path.of(uri));
        } catch (NoSuchFileException e) {
            throw new PhotoReadException("photo " + uri + " not found on worker " + host(), e);
        } catch (IOException e) {
            throw new PhotoReadException("photo " + uri + " unreadable on worker " + host() + ": " + e, e);
        }
    }

    static byte[] hadoopBytes(String uri, Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (FileNotFoundException e) {
            throw new PhotoReadException("photo " + uri + " not found on worker " + host(), e);
        } catch (IOException e) {
            throw new PhotoReadException("photo " + uri + " unreadable on worker " + host() + ": " + e, e);
        } catch (UnsupportedOperationException e) {
            throw new PhotoReadException("photo " + uri + ": Hadoop's file system does not run on Java "
                    + Runtime.version().feature() + " (" + e.getMessage() + "): run the workers on JDK 17 or 21", e);
        }
    }

    private static RgbImage decode(PhotoSample s, byte[] bytes) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new PhotoReadException("photo " + s.uri() + " cannot be decoded: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new PhotoReadException("photo " + s.uri() + " is not a JPEG or PNG image (" + bytes.length + " bytes)", null);
        }
        CtwImage ann = s.annotations();
        if (img.getWidth() != ann.width() || img.getHeight() != ann.height()) {
            throw new PhotoReadException("photo " + s.uri() + ": declared size " + ann.width() + "x" + ann.height()
                    + " differs from the real size " + img.getWidth() + "x" + img.getHeight(), null);
        }
        return ImageDecoder.toRgb(img);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown host)";
        }
    }
}
