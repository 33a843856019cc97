package org.hanzinet.data.dataset;

/** How annotated characters become samples (the trade-off the seed asked about). */
public enum Grouping {
    /** One sample per image, its mask the union of all the image's characters (the seed's final choice). */
    PER_IMAGE,
    /**
     * One sample per character, its mask that character only; the image is shared by all of its
     * characters' samples (the seed's first approach, which copied the image each time).
     */
    PER_POLYGON
}
