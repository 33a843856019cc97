package org.hanzinet.data.augment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * One random transform of a training sample: its image ({@code [3, H, W]}, values in [0, 1], before
 * any normalisation), its character mask and its ignore mask ({@code [1, H, W]}, 0 or 1) together.
 * Geometric transforms warp all three the same way; photometric ones change the image only. The
 * result depends only on the sample and the {@code rng}'s state; the input is never modified. The
 * implementations are their own configuration: validated records that round-trip through Jackson
 * as {@code {"type": "ColorJitter", "brightness": 0.3, ...}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RandomScaleCrop.class, name = "RandomScaleCrop"),
    @JsonSubTypes.Type(value = RandomRotation.class, name = "RandomRotation"),
    @JsonSubTypes.Type(value = RandomPerspective.class, name = "RandomPerspective"),
    @JsonSubTypes.Type(value = HorizontalFlip.class, name = "HorizontalFlip"),
    @JsonSubTypes.Type(value = ColorJitter.class, name = "ColorJitter"),
    @JsonSubTypes.Type(value = GaussianBlur.class, name = "GaussianBlur"),
    @JsonSubTypes.Type(value = GaussianNoise.class, name = "GaussianNoise"),
    @JsonSubTypes.Type(value = JpegCompression.class, name = "JpegCompression")})
public interface Augmentation {
    /** The transformed sample (new tensors; {@code in} is left as it was). */
    Sample apply(Sample in, Rng rng);
}
