package example;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm;
import org.hanzinet.core.simd.VectorizationProvider;

/** Uses hanzinet-core without any JVM flag: the scalar fallback must still give correct results. */
public class Main {
    public static void main(String[] args) {
        Rng rng = new Rng(1);
        Tensor a = Tensor.zeros(3, 4).uniform(rng, -1, 1);
        Tensor b = Tensor.zeros(5, 4).uniform(rng, -1, 1);
        Tensor c = Gemm.gemm(false, true, 1f, a, b, 0f, Tensor.zeros(3, 5)); // [3,4] x [5,4]^T -> [3,5]
        float check = a.slice(2).dot(b.slice(4));
        System.out.println("kernels: " + VectorizationProvider.get().kernels().name());
        System.out.println("c[2,4] = " + c.get(2, 4) + ", dot = " + check);
        if (Math.abs(c.get(2, 4) - check) > 1e-5) {
            throw new AssertionError("GEMM and dot disagree");
        }
        System.out.println("consumer OK");
    }
}
