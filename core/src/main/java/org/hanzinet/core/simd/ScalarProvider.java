package org.hanzinet.core.simd;

/** The fallback when the Vector API is absent or switched off. */
final class ScalarProvider extends VectorizationProvider {
    private final VectorKernels kernels = new ScalarKernels();
    private final ConvKernels convKernels = new ScalarConvKernels();
    private final NormKernels normKernels = new ScalarNormKernels();
    private final UpsampleKernels upsampleKernels = new ScalarUpsampleKernels();
    private final GemmKernels gemmKernels = new ScalarGemmKernels();

    @Override
    public boolean isVectorized() {
        return false;
    }

    @Override
    public int vectorBitSize() {
        return 32;
    }

    @Override
    public VectorKernels kernels() {
        return kernels;
    }

    @Override
    public ConvKernels convKernels() {
        return convKernels;
    }

    @Override
    public NormKernels normKernels() {
        return normKernels;
    }

    @Override
    public UpsampleKernels upsampleKernels() {
        return upsampleKernels;
    }

    @Override
    public GemmKernels gemmKernels() {
        return gemmKernels;
    }
}
