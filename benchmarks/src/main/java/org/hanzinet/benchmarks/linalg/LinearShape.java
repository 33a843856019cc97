package org.hanzinet.benchmarks.linalg;

/** The Linear layers of the reference models as {batch, in_features, out_features}, by benchmark name. */
final class LinearShape {
    private LinearShape() {}

    static int[] of(String name) {
        return switch (name) {
            case "m1_fc1" -> new int[] {5, 16 * 509 * 509, 253};
            case "m1_fc2" -> new int[] {5, 253, 120};
            case "m2_fc" -> new int[] {3, 32 * 128 * 128, 20};
            default -> throw new IllegalArgumentException(
                    "unknown Linear shape '" + name + "' (m1_fc1, m1_fc2, m2_fc)");
        };
    }
}
