package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos are read through java.nio when local and through Hadoop's file system otherwise. */
class PhotoReaderTest {
    @TempDir
    Path dir;

    @Test
    void localPathsAndFileUrisReadTheSameBytesAndAMissingFileIsNamed() throws Exception {
        Path f = Files.write(dir.resolve("a b.jpg"), new byte[] {1, 2, 3});
        Configuration conf = new Configuration(false);
        assertThat(PhotoReader.bytes(f.toUri().toString(), conf)).containsExactly(1, 2, 3);
        assertThat(PhotoReader.bytes(f.toString(), conf)).containsExactly(1, 2, 3);
        String missing = dir.resolve("gone.jpg").toUri().toString();
        assertThatThrownBy(() -> PhotoReader.bytes(missing, conf))
                .isInstanceOf(PhotoReadException.class).hasMessageStartingWith("photo " + missing + " not found on worker ");
    }

    /** Hadoop's own path (what hdfs: and s3a: take): works up to JDK 23, a clear line on JDK 24+. */
    @Test
    void hadoopFileSystemReadsOnJdk17AndRefusesInOneLineOnJdk25() throws Exception {
        Path f = Files.write(dir.resolve("b.jpg"), new byte[] {4, 5});
        String uri = f.toUri().toString();
        Configuration conf = new Configuration(false);
        if (Runtime.version().feature() < 24) {
            assertThat(PhotoReader.hadoopBytes(uri, new org.apache.hadoop.fs.Path(uri), conf)).containsExactly(4, 5);
        } else {
            assertThatThrownBy(() -> PhotoReader.hadoopBytes(uri, new org.apache.hadoop.fs.Path(uri), conf))
                    .isInstanceOf(PhotoReadException.class)
                    .hasMessageContaining("Hadoop's file system does not run on Java " + Runtime.version().feature());
        }
    }
}
