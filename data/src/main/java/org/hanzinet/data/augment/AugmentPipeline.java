package org.hanzinet.data.augment;

import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.dataset.SampleTransform;

/**
 * Augmentations in order, each applied with its own probability (torchvision's {@code Compose} of
 * {@code RandomApply}s, albumentations' {@code Compose} with {@code p}). The result is a function of
 * {@code (seed, epoch, index)} only: the same sample seen again in the same epoch is augmented the same
 * way, on any thread; the next epoch sees it differently. Each step draws from its own random stream,
 * so whether one step fires does not change what the others do.
 *
 * @param steps the transforms and their probabilities, in the order they are applied
 */
public record AugmentPipeline(List<Step> steps) {
    /**
     * One transform and the probability it is applied with.
     *
     * @param op          the transform
     * @param probability in [0, 1]
     */
    public record Step(Augmentation op, double probability) {
        public Step {
            Objects.requireNonNull(op, "AugmentPipeline.Step.op");
            Check.inRange("AugmentPipeline.Step.probability of " + op.getClass().getSimpleName(), probability, 0, 1);
        }
    }

    public AugmentPipeline {
        steps = List.copyOf(Objects.requireNonNull(steps, "AugmentPipeline.steps"));
    }

    /**
     * The augmentation of a street-text segmenter's training crops of {@code size x size}: scale 0.5 to
     * 2, crop; small rotation and perspective; horizontal flip; colour jitter; blur, noise and JPEG
     * re-compression now and then.
     */
    public static AugmentPipeline segmentation(int size) {
        return new AugmentPipeline(List.of(
                new Step(new RandomScaleCrop(size, size, 0.5, 2.0), 1),
                new Step(new RandomRotation(10), 0.3),
                new Step(new RandomPerspective(0.2), 0.3),
                new Step(new HorizontalFlip(), 0.5),
                new Step(new ColorJitter(0.3, 0.3, 0.3, 0.05), 0.8),
                new Step(new GaussianBlur(0.3, 1.5), 0.2),
                new Step(new GaussianNoise(0.005, 0.04), 0.2),
                new Step(new JpegCompression(40, 95), 0.3)));
    }

    /** {@code in} augmented for {@code epoch}; {@code index} is the sample's place in its data set. */
    public Sample apply(Sample in, long seed, int epoch, int index) {
        Rng rng = new Rng(mix(mix(mix(seed) + epoch) + index));
        Sample s = in;
        for (Step step : steps) {
            Rng own = rng.split();
            if (rng.nextDouble() < step.probability) {
                s = step.op.apply(s, own);
            }
        }
        return s;
    }

    /** This pipeline as a {@link DataLoader} transform with {@code seed}: {@code loader.withTransform(p.withSeed(42))}. */
    public SampleTransform withSeed(long seed) {
        return (in, epoch, index) -> apply(in, seed, epoch, index);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
