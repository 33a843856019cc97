package org.hanzinet.nn.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a saved model came from, as the string map stored in a checkpoint's {@code __metadata__}: the
 * configuration JSON and seed (given by the caller), and library version, git revision, Java version,
 * OS, architecture and creation time (found here). The version comes from the jar manifest, else the
 * {@code build-info.properties} resource filtered at build time. The revision comes from that resource
 * when the build was run with {@code -Dgit.revision=$(git rev-parse HEAD)}; otherwise, when hanzinet runs
 * from its own build directory (not a jar), from {@code git rev-parse HEAD} in that directory, so a
 * user's own repository is never mistaken for hanzinet's; else "unknown".
 */
public final class Provenance {
    public static final String FORMAT = "format";
    public static final String CONFIG = "hanzinet.config";
    public static final String SEED = "hanzinet.seed";
    public static final String VERSION = "hanzinet.version";
    public static final String GIT_REVISION = "hanzinet.git_revision";
    public static final String OPTIMIZER = "hanzinet.optimizer";
    public static final String JAVA_VERSION = "java.version";
    public static final String OS = "os.name";
    public static final String ARCH = "os.arch";
    public static final String CREATED = "created";
    static final String UNKNOWN = "unknown";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Properties BUILD_INFO = buildInfo();
    private static volatile String gitRevision;

    private Provenance() {}

    /**
     * The metadata of a checkpoint saved now.
     *
     * @param configJson the model/training configuration as JSON; must parse
     * @throws IllegalArgumentException when {@code configJson} is not valid JSON
     */
    public static Map<String, String> describe(String configJson, long seed) {
        try {
            JSON.readTree(configJson);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration is not valid JSON: " + configJson, e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, "pt"); // what PyTorch-side loaders (transformers' safetensors helpers) expect
        m.put(CONFIG, configJson);
        m.put(SEED, Long.toString(seed));
        m.put(VERSION, libraryVersion());
        m.put(GIT_REVISION, gitRevision());
        m.put(JAVA_VERSION, System.getProperty("java.version", UNKNOWN));
        m.put(OS, System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", ""));
        m.put(ARCH, System.getProperty("os.arch", UNKNOWN));
        m.put(CREATED, Instant.now().toString());
        return m;
    }

    /** Configuration as JSON, for callers holding a Jackson-serialisable config record. */
    public static String toJson(Object config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration " + config + " cannot be written as JSON", e);
        }
    }

    /** The hanzinet version: jar manifest, else the build-time resource, else "unknown". */
    public static String libraryVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        if (v == null || v.isBlank()) {
            v = BUILD_INFO.getProperty("version", UNKNOWN);
        }
        return v.isBlank() || v.startsWith("${") ? UNKNOWN : v;
    }

    /** The git revision built from: build-time resource, else {@code git rev-parse HEAD} here, else "unknown". */
    public static String gitRevision() {
        String r = gitRevision;
        if (r == null) {
            r = BUILD_INFO.getProperty("git.revision", UNKNOWN).trim();
            if (r.isEmpty() || r.equals(UNKNOWN) || r.startsWith("${")) {
                r = runGit();
            }
            gitRevision = r;
        }
        return r;
    }

    /** {@code git rev-parse HEAD} in the directory the classes were loaded from, if that is a directory. */
    private static String runGit() {
        Path classes;
        try {
            classes = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return UNKNOWN;
        }
        if (!Files.isDirectory(classes)) {
            return UNKNOWN; // a jar: its build-info resource is the only trustworthy source
        }
        try {
            Process p = new ProcessBuilder("git", "-C", classes.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return UNKNOWN;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    private static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build info: the fallbacks apply
        }
        return p;
    }
}
