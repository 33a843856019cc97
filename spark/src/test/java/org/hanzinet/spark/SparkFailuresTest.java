package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Job failures as they reach the driver (the executor's exception as text in the message). */
class SparkFailuresTest {
    @Test
    void photoErrorIsFoundInTheCauseChainOrInTheMessage() {
        PhotoReadException p = new PhotoReadException("photo hdfs:///a.jpg not found on worker w1", null);
        assertThat(SparkFailures.cause(new RuntimeException("job aborted", p))).isEqualTo("photo hdfs:///a.jpg not found on worker w1");
        assertThat(SparkFailures.cause(new RuntimeException("Job aborted due to stage failure: Lost task 1.0 (executor 2): "
                + "org.hanzinet.spark.PhotoReadException: photo hdfs:///b.jpg not found on worker w2\nCaused by: ...")))
                .isEqualTo("photo hdfs:///b.jpg not found on worker w2");
    }

    @Test
    void outOfMemoryOnAWorkerSaysWhatToChange() {
        String msg = "Job aborted due to stage failure: Task 0 failed 4 times, most recent failure: Lost task 0.3 "
                + "(executor 1): java.lang.OutOfMemoryError: Java heap space\n\tat org.hanzinet...";
        assertThat(SparkFailures.cause(new RuntimeException(msg))).isEqualTo("a worker ran out of memory "
                + "(OutOfMemoryError: Java heap space): give the executors more memory (--executor-memory) or use a "
                + "smaller batch or image size");
    }

    @Test
    void anythingElseIsItsFirstLine() {
        assertThat(SparkFailures.cause(new IllegalStateException("executor lost\nmore"))).isEqualTo("IllegalStateException: executor lost");
    }
}
