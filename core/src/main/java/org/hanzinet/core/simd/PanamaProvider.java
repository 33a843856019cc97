package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API implementations. Constructed reflectively by {@link VectorizationProvider}. */
final class PanamaProvider extends VectorizationProvider {
    private final VectorSpecies<Float> species;
    private final VectorKernels kernels;
    private final ConvKernels convKernels;
    private final NormKernels normKernels;
    private final UpsampleKernels upsampleKernels;
    private final GemmKernels gemmKernels;

    PanamaProvider() {
        this.species = chooseSpecies();
        this.kernels = new PanamaKernels();
        this.convKernels = new PanamaConvKernels();
        this.normKernels = new PanamaNormKernels();
        this.upsampleKernels = new PanamaUpsampleKernels();
        this.gemmKernels = new PanamaGemmKernels();
    }

    /** The preferred species, or the width named by {@code hanzinet.simd.bits} (64..512) for tests. */
    static VectorSpecies<Float> chooseSpecies() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        try {
            return FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Integer.parseInt(bits.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BITS_PROPERTY + "=" + bits + " is not a vector width (64, 128, 256, 512)", e);
        }
    }

    @Override
    public boolean isVectorized() {
        return true;
    }

    @Override
    public int vectorBitSize() {
        return species.vectorBitSize();
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
