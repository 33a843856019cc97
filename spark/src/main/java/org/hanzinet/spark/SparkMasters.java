package org.hanzinet.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Opens the Spark context for a master URL. A standalone master ({@code spark://host:port[,host:port]})
 * is probed first: Spark itself would retry for about a minute and then log "All masters are
 * unresponsive"; a probe gives the user one line at once.
 */
public final class SparkMasters {
    /** How long the probe of a standalone master waits for a TCP connection. */
    public static final int PROBE_MILLIS = 3000;

    private SparkMasters() {}

    /** A context for {@code master} (local[n], spark://..., yarn, k8s://...), the app named {@code appName}. */
    public static JavaSparkContext open(String master, String appName) {
        requireReachable(master);
        return new JavaSparkContext(new SparkConf().setMaster(master).setAppName(appName));
    }

    /**
     * Refuses a standalone master none of whose host:port accepts a TCP connection.
     *
     * @throws IllegalArgumentException naming the master URL and the connection error
     */
    public static void requireReachable(String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("Spark master URL is empty: use local[N] or spark://host:port");
        }
        if (!master.startsWith("spark://")) {
            return;
        }
        String last = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("Spark master " + master + ": '" + hostPort + "' is not host:port");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        PROBE_MILLIS);
                return;
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        throw new IllegalArgumentException("Spark master " + master + " is unreachable (" + last
                + "): start the master or correct the URL");
    }
}
