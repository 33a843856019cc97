package org.hanzinet.data.ctw;

import java.util.List;
import java.util.Objects;

/**
 * One line of a CTW JSONL file: an image and its annotated characters (sentences flattened, in file
 * order, after the reader's selection) and its ignore regions. Serializable (with its characters, polygons
 * and regions) so that a cluster trainer can ship annotations to its workers.
 *
 * @param imageId    CTW {@code image_id}
 * @param fileName   CTW {@code file_name}, relative to the image directory
 * @param width      declared width in pixels (checked against the real image when it is decoded)
 * @param height     declared height in pixels
 * @param characters the selected characters
 * @param ignores    the ignore regions
 */
public record CtwImage(String imageId, String fileName, int width, int height, List<CtwCharacter> characters,
        List<IgnoreRegion> ignores) implements java.io.Serializable {
    public CtwImage {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(fileName, "fileName");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image " + imageId + ": size must be positive, got " + width + "x" + height);
        }
        characters = List.copyOf(characters);
        ignores = List.copyOf(ignores);
    }

    /** A label for error messages: {@code image <id> character <i> '<text>'}. */
    public String describeCharacter(int index) {
        return "image " + imageId + " character " + index + " '" + characters.get(index).text() + "'";
    }

    /** This image with the same annotations and only the character at {@code index} (per-polygon grouping). */
    public CtwImage withOnlyCharacter(int index) {
        return new CtwImage(imageId, fileName, width, height, List.of(characters.get(index)), ignores);
    }
}
