"""Configurations of the side-by-side comparison and their nominal FLOP counts (2 per multiply-add).

Mirrors org.hanzinet.benchmarks.sidebyside.Cases on the Java side: change both together.
Conv forward + backward counts 3x the forward (input gradient and weight gradient each cost one
forward). A training step counts 3x the forward of every conv and Linear layer (nominal: the first
conv needs no input gradient, and element-wise layers, loss and optimiser are not counted).
"""

# name -> (in channels, out channels, kernel, padding, real input size); stride 1, batch 1
CONVS = {
    "m1_conv1": (3, 3, 5, 0, 2048),
    "m1_conv2": (3, 16, 5, 0, 1022),
    "m2_conv1": (3, 3, 5, 2, 2048),
    "m2_conv2": (3, 128, 5, 2, 1024),
    "m2_conv3": (128, 64, 5, 2, 512),
    "m2_conv4": (64, 32, 5, 2, 256),
}

# training configurations -> batch
BATCH = {"model1": 5, "model2": 3, "unet": 8}

# the U-Net's widths per level (examples' UNetModel.DEFAULT_WIDTHS, the shipped model)
UNET_WIDTHS = (16, 32, 64, 128, 256)


def unet_forward_macs(size, widths=UNET_WIDTHS):
    """One image: per level two 3x3 convs down, two up (the first on [up, skip]), and the 1x1 head."""
    macs = 0
    for i, w in enumerate(widths):
        s = size >> i
        cin = 3 if i == 0 else widths[i - 1]
        macs += s * s * 9 * (cin * w + w * w)
        if i < len(widths) - 1:
            macs += s * s * 9 * ((widths[i + 1] + w) * w + w * w)
    return macs + size * size * widths[0]


def conv_macs(cin, cout, k, pad, size, batch=1):
    out = size + 2 * pad - k + 1
    return batch * cout * out * out * cin * k * k


def model_forward_macs(case, size):
    """Multiply-adds of the conv and Linear layers of one forward pass over the whole batch."""
    batch = BATCH[case]
    if case == "unet":
        return batch * unet_forward_macs(size)
    if case == "model1":
        s1 = (size - 4) // 2
        s2 = (s1 - 4) // 2
        macs = conv_macs(3, 3, 5, 0, size) + conv_macs(3, 16, 5, 0, s1)
        macs += 16 * s2 * s2 * 253 + 253 * 120 + 120 * 64
        return batch * macs
    macs = 0
    s = size
    for cin, cout in ((3, 3), (3, 128), (128, 64), (64, 32)):
        macs += conv_macs(cin, cout, 5, 2, s)
        s //= 2
    macs += 32 * s * s * 20
    return batch * macs


def gflop(case, mode, size):
    if mode == "train":
        return 3 * 2 * model_forward_macs(case, size) / 1e9
    cin, cout, k, pad, _ = CONVS[case]
    f = 2 * conv_macs(cin, cout, k, pad, size) / 1e9
    return f if mode == "fwd" else 3 * f
