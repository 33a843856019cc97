package org.hanzinet.benchmarks.linalg;

/**
 * The Linear layers of the reference models as {batch, in_features, out_features}, by benchmark name,
 * and two more of model 1's first Linear at other input widths: {@code m1_fc1_512} (512 px images) and
 * {@code skinny_1m} (in = 2^20, a 1 GB weight).
 */
final class LinearShape {
    private LinearShape() {}

    static int[] of(String name) {
        return switch (name) {
            case "m1_fc1" -> new int[] {5, 16 * 509 * 509, 253};
            case "m1_fc1_512" -> new int[] {5, 16 * 61 * 61, 253};
            case "skinny_1m" -> new int[] {5, 1 << 20, 253};
            case "m1_fc2" -> new int[] {5, 253, 120};
            case "m2_fc" -> new int[] {3, 32 * 128 * 128, 20};
            default -> throw new IllegalArgumentException(
                    "unknown Linear shape '" + name + "' (m1_fc1, m1_fc1_512, skinny_1m, m1_fc2, m2_fc)");
        };
    }
}
