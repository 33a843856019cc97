package org.hanzinet.nn.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;

/**
 * One PyTorch parity fixture written by {@code nn/src/test/python/make_parity_fixtures.py}: tensors
 * stored in a safetensors file, large inputs regenerated from a recorded recipe ({@code <name>.gen}),
 * large expected results compared on a deterministic sample ({@code <name>.sample}); see fixturelib.py,
 * which this class mirrors.
 *
 * <p>The parity error of a tensor is {@code max|a - e| / max(max|e|, floor)}: the largest deviation
 * relative to the tensor's scale (its largest magnitude), with a floor so that an all-zero expectation
 * does not divide by zero. Element-wise relative error would be dominated by float32 rounding in the
 * entries that are sums of many cancelling terms, which carry no information about correctness.
 */
final class ParityFixture {
    /** The bound the parity tests require unless they state a looser one with its reason. */
    static final double TOLERANCE = 1e-4;
    /** Scale floor of the error: expected tensors are O(1e-3..1) except exact zeros. */
    static final double FLOOR = 1e-6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 2048;
    private static final long SAMPLE_HASH = 0x9E3779B9L;

    final String name;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> meta;
    private final JsonNode config;

    private ParityFixture(String name, Map<String, Tensor> tensors, Map<String, String> meta) {
        this.name = name;
        this.tensors = tensors;
        this.meta = meta;
        try {
            this.config = JSON.readTree(meta.get("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String name) {
        URL url = ParityFixture.class.getResource("/parity/" + name + ".safetensors");
        if (url == null) {
            throw new AssertionError("no fixture /parity/" + name + ".safetensors: run make_parity_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ParityFixture load(String name) {
        Path p = path(name);
        try {
            return new ParityFixture(name, SafeTensors.read(p), SafeTensors.readMetadata(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode config() {
        return config;
    }

    boolean has(String tensor) {
        return tensors.containsKey(tensor) || meta.containsKey(tensor + ".gen");
    }

    /** Whether the fixture holds expected tensor {@code tensor} (in full or sampled). */
    boolean hasExpected(String tensor) {
        return tensors.containsKey(tensor) || tensors.containsKey(tensor + ".sample");
    }

    /** Expected tensor {@code tensor} in full (a copy); fails when it was only sampled. */
    Tensor expected(String tensor) {
        Tensor t = tensors.get(tensor);
        if (t == null) {
            throw new AssertionError(name + ": fixture holds no full expected tensor '" + tensor + "'");
        }
        return t.copy();
    }

    /** A stored or generated input; a fresh copy, so the test may modify it. */
    Tensor tensor(String tensor) {
        Tensor t = tensors.get(tensor);
        if (t != null) {
            return t.copy();
        }
        String gen = meta.get(tensor + ".gen");
        if (gen == null) {
            throw new AssertionError(name + ": fixture has no tensor '" + tensor + "'");
        }
        try {
            JsonNode g = JSON.readTree(gen);
            int[] shape = JSON.convertValue(g.get("shape"), int[].class);
            return generate(g.get("kind").asText(), g.get("seed").asLong(), shape, (float) g.get("param").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the parity error of {@code actual} against expected tensor {@code tensor} is at most {@code tol}. */
    void assertClose(String tensor, Tensor actual, double tol) {
        double err = error(tensor, actual);
        if (!(err <= tol)) {
            throw new AssertionError(String.format("%s: '%s' differs from PyTorch: error %.3g > %.1g%s", name, tensor,
                    err, tol, worst(tensor, actual)));
        }
    }

    /** The parity error of {@code actual} against expected {@code tensor}, on the sample when it was sampled. */
    double error(String tensor, Tensor actual) {
        float[][] ae = pairs(tensor, actual);
        double maxDiff = 0;
        double scale = 0;
        for (int i = 0; i < ae[0].length; i++) {
            double d = Math.abs((double) ae[0][i] - ae[1][i]);
            maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, d);
            scale = Math.max(scale, Math.abs(ae[1][i]));
        }
        return maxDiff / Math.max(scale, FLOOR);
    }

    /** [actual values, expected values] over the compared elements, after checking the shape. */
    private float[][] pairs(String tensor, Tensor actual) {
        Tensor full = tensors.get(tensor);
        if (full != null) {
            requireShape(tensor, full.shape(), actual);
            return new float[][] {actual.toArray(), full.toArray()};
        }
        Tensor sample = tensors.get(tensor + ".sample");
        if (sample == null) {
            throw new AssertionError(name + ": fixture has no expected tensor '" + tensor + "'");
        }
        try {
            int[] shape = JSON.convertValue(JSON.readTree(meta.get(tensor + ".sampled")).get("shape"), int[].class);
            requireShape(tensor, shape, actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] a = new float[SAMPLES];
        int n = actual.numel();
        for (int j = 0; j < SAMPLES; j++) {
            a[j] = actual.getFlat(sampleIndex(j, n));
        }
        return new float[][] {a, sample.toArray()};
    }

    /** Sample j of n elements: ((j * golden) mod 2^32) * n / 2^32, spread without aliasing to strides. */
    static int sampleIndex(int j, int n) {
        long h = (j * SAMPLE_HASH) & 0xFFFFFFFFL;
        return (int) ((h * n) >>> 32);
    }

    private void requireShape(String tensor, int[] expected, Tensor actual) {
        if (!java.util.Arrays.equals(expected, actual.shape())) {
            throw new AssertionError(name + ": '" + tensor + "' has shape " + java.util.Arrays.toString(actual.shape())
                    + ", PyTorch's has " + java.util.Arrays.toString(expected));
        }
    }

    private String worst(String tensor, Tensor actual) {
        float[][] ae = pairs(tensor, actual);
        int w = 0;
        for (int i = 1; i < ae[0].length; i++) {
            if (!(Math.abs(ae[0][i] - ae[1][i]) <= Math.abs(ae[0][w] - ae[1][w]))) {
                w = i;
            }
        }
        return String.format("; worst at %s %d: actual %.9g, expected %.9g", tensors.containsKey(tensor) ? "element"
                : "sample", w, ae[0][w], ae[1][w]);
    }

    /**
     * The shared deterministic generator (fixturelib.det_tensor): u = top 24 bits of splitmix64, times
     * 2^-24; 'unit' u, 'sym' (2u - 1) * param, 'bernoulli' u < param. Float32 arithmetic, bit-identical.
     */
    static Tensor generate(String kind, long seed, int[] shape, float param) {
        if (!kind.equals("unit") && !kind.equals("sym") && !kind.equals("bernoulli")) {
            throw new IllegalArgumentException("unknown generator kind " + kind);
        }
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            d[i] = (z >>> 40) * 0x1p-24f;
        }
        if (kind.equals("sym")) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (d[i] * 2f - 1f) * param;
            }
        } else if (kind.equals("bernoulli")) {
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] < param ? 1f : 0f;
            }
        }
        return t;
    }
}
