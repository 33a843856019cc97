package org.hanzinet.data.ctw;

import java.util.List;
import java.util.Objects;

/**
 * One annotated character of a CTW image.
 *
 * @param polygon      the character's outline (CTW: 4 points), image pixels
 * @param adjustedBbox CTW's {@code adjusted_bbox}: the box around the points at 1/3 and 2/3 of each edge
 * @param isChinese    CTW's {@code is_chinese}: true only for CJK unified ideographs
 * @param text         the character itself (usually one code point)
 * @param attributes   CTW attributes such as {@code occluded}, {@code bgcomplex}, {@code distorted}
 */
public record CtwCharacter(Polygon polygon, BoundingBox adjustedBbox, boolean isChinese, String text,
        List<String> attributes) implements java.io.Serializable {
    public CtwCharacter {
        Objects.requireNonNull(polygon, "polygon");
        Objects.requireNonNull(text, "text");
        attributes = List.copyOf(attributes);
    }
}
