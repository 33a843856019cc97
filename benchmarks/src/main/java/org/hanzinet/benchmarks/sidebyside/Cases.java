package org.hanzinet.benchmarks.sidebyside;

import java.util.Map;

/**
 * The side-by-side configurations and their nominal FLOP counts (2 per multiply-add). Mirrors
 * {@code benchmarks/python/cases.py}: change both together.
 *
 * <p>Conv forward + backward counts 3x the forward; a training step counts 3x the forward of every conv
 * and Linear layer (the first conv needs no input gradient in PyTorch; element-wise layers, loss and
 * optimiser are not counted).
 */
final class Cases {
    private Cases() {}

    /** One conv layer of the reference models: stride 1, batch 1, square input of {@code realSize}. */
    record Conv(int in, int out, int kernel, int padding, int realSize) {
        long macs(int size) {
            long o = size + 2L * padding - kernel + 1;
            return out * o * o * in * kernel * kernel;
        }
    }

    static final Map<String, Conv> CONVS = Map.of(
            "m1_conv1", new Conv(3, 3, 5, 0, 2048),
            "m1_conv2", new Conv(3, 16, 5, 0, 1022),
            "m2_conv1", new Conv(3, 3, 5, 2, 2048),
            "m2_conv2", new Conv(3, 128, 5, 2, 1024),
            "m2_conv3", new Conv(128, 64, 5, 2, 512),
            "m2_conv4", new Conv(64, 32, 5, 2, 256));

    /** Training batch of each model, as in the reference notebooks. */
    static int batch(String model) {
        return switch (model) {
            case "model1" -> 5;
            case "model2" -> 3;
            case "unet" -> 8;
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (model1, model2, unet)");
        };
    }

    static Conv conv(String name) {
        Conv c = CONVS.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown conv case '" + name + "' " + CONVS.keySet());
        }
        return c;
    }

    /** The U-Net's widths per level: the shipped model's ({@code UNetModel.DEFAULT_WIDTHS}). */
    static final int[] UNET_WIDTHS = {16, 32, 64, 128, 256};

    /** One image through the U-Net: per level two 3x3 convs down, two up (the first on [up, skip]), the 1x1 head. */
    static long unetForwardMacs(int size) {
        int[] w = UNET_WIDTHS;
        long macs = 0;
        for (int i = 0; i < w.length; i++) {
            long s = size >> i;
            int cin = i == 0 ? 3 : w[i - 1];
            macs += s * s * 9 * ((long) cin * w[i] + (long) w[i] * w[i]);
            if (i < w.length - 1) {
                macs += s * s * 9 * ((long) (w[i + 1] + w[i]) * w[i] + (long) w[i] * w[i]);
            }
        }
        return macs + (long) size * size * w[0];
    }

    /** Multiply-adds of the conv and Linear layers of one forward pass over the whole batch. */
    static long modelForwardMacs(String model, int size) {
        long macs;
        if (model.equals("unet")) {
            macs = unetForwardMacs(size);
        } else if (model.equals("model1")) {
            int s1 = (size - 4) / 2;
            int s2 = (s1 - 4) / 2;
            macs = new Conv(3, 3, 5, 0, size).macs(size) + new Conv(3, 16, 5, 0, s1).macs(s1);
            macs += 16L * s2 * s2 * 253 + 253 * 120 + 120 * 64;
        } else {
            macs = 0;
            int s = size;
            int[][] chans = {{3, 3}, {3, 128}, {128, 64}, {64, 32}};
            for (int[] c : chans) {
                macs += new Conv(c[0], c[1], 5, 2, s).macs(s);
                s /= 2;
            }
            macs += 32L * s * s * 20;
        }
        return batch(model) * macs;
    }

    static double gflop(String name, String mode, int size) {
        if (mode.equals("train")) {
            return 3 * 2 * modelForwardMacs(name, size) / 1e9;
        }
        double f = 2 * conv(name).macs(size) / 1e9;
        return mode.equals("fwd") ? f : 3 * f;
    }
}
