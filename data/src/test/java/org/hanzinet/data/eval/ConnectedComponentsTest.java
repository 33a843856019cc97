package org.hanzinet.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    private static float[] map(String... rows) {
        float[] m = new float[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                m[y * rows[0].length() + x] = rows[y].charAt(x) == '#' ? 0.9f : 0.1f;
            }
        }
        return m;
    }

    @Test
    void diagonalNeighboursJoinAndSeparatedBlobsDoNot() {
        float[] m = map(
                "#....#",
                ".#...#",
                "..#...",
                "......",
                "##..#.");
        ConnectedComponents cc = ConnectedComponents.of(m, 0, 6, 5, 0.5);
        assertThat(cc.count()).isEqualTo(4);
        assertThat(cc.label(0, 0)).isEqualTo(cc.label(2, 2)).isEqualTo(1);
        assertThat(cc.area(1)).isEqualTo(3);
        assertThat(cc.label(5, 0)).isEqualTo(2);
        assertThat(cc.area(2)).isEqualTo(2);
        assertThat(cc.label(1, 4)).isEqualTo(3);
        assertThat(cc.longerSide(3)).isEqualTo(2);
        assertThat(cc.label(3, 3)).isZero();
        assertThat(cc.minX(1)).isZero();
        assertThat(cc.maxY(1)).isEqualTo(2);
    }

    @Test
    void thresholdIsStrictAndOffsetIsHonoured() {
        float[] m = {7f, 0.5f, 0.51f, 0.5f};
        ConnectedComponents cc = ConnectedComponents.of(m, 1, 3, 1, 0.5);
        assertThat(cc.count()).isEqualTo(1);
        assertThat(cc.label(1, 0)).isEqualTo(1);
        assertThat(cc.label(0, 0)).isZero();
    }

    @Test
    void aSnakeOfAMillionPixelsIsOneComponentWithoutRecursion() {
        // rows 0, 2, 4, ... full; odd rows joined at alternating ends: one path of about 500k pixels,
        // far deeper than a recursive fill could go.
        int w = 1000;
        int h = 999;
        float[] m = new float[w * h];
        int expected = 0;
        for (int y = 0; y < h; y++) {
            if (y % 2 == 0) {
                java.util.Arrays.fill(m, y * w, (y + 1) * w, 1f);
                expected += w;
            } else {
                m[y * w + ((y / 2) % 2 == 0 ? w - 1 : 0)] = 1f;
                expected++;
            }
        }
        ConnectedComponents cc = ConnectedComponents.of(m, 0, w, h, 0.5);
        assertThat(cc.count()).isEqualTo(1);
        assertThat(cc.area(1)).isEqualTo(expected);
    }

    @Test
    void aWindowOutsideTheArrayIsRefusedWithItsShape() {
        assertThatThrownBy(() -> ConnectedComponents.of(new float[5], 0, 3, 2, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[H=2, W=3]").hasMessageContaining("array of 5");
    }

    /** Rows of digits: the probability of each pixel in tenths ('9' = 0.9, '0' = 0). */
    private static float[] tenths(String... rows) {
        float[] m = new float[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                m[y * rows[0].length() + x] = (rows[y].charAt(x) - '0') / 10f;
            }
        }
        return m;
    }

    @Test
    void aRunOfThreeTouchingSquaresIsCutAtItsWeakestColumns() {
        // 3 characters touching in one 12 x 4 line: k = 3, even cuts at x = 4 and 8, searched 1 column either
        // way. The gaps are weaker (6) but above the threshold; the first lies at x = 3, one off its even place.
        float[] m = tenths(
                "9996999969990",
                "9996999969990",
                "9996999969990",
                "9996999969990");
        ConnectedComponents one = ConnectedComponents.of(m, 0, 13, 4, 0.5);
        assertThat(one.count()).isEqualTo(1);
        ConnectedComponents cut = one.splitRuns(m, 0, 1.5);
        assertThat(cut.count()).isEqualTo(3);
        assertThat(cut.label(2, 0)).isEqualTo(1);
        assertThat(cut.label(3, 1)).as("the weak column, not the even place, starts the next piece").isEqualTo(2);
        assertThat(cut.label(7, 3)).isEqualTo(2);
        assertThat(cut.label(8, 2)).isEqualTo(3);
        assertThat(cut.area(1) + cut.area(2) + cut.area(3)).isEqualTo(one.area(1));
        assertThat(cut.label(12, 0)).isZero();
    }

    @Test
    void aTallRunIsCutAtRowsAndSquareOrSlightlyLongComponentsStayWhole() {
        float[] m = tenths(
                "99000",
                "99099",
                "60099",
                "99000",
                "99000",
                "99000");
        ConnectedComponents cut = ConnectedComponents.of(m, 0, 5, 6, 0.5).splitRuns(m, 0, 1.5);
        // left: 2 x 6, three times as tall as wide -> 3 pieces; right: 2 x 2 stays one
        assertThat(cut.count()).isEqualTo(4);
        assertThat(cut.label(0, 0)).isEqualTo(1);
        assertThat(cut.label(3, 1)).isEqualTo(2);
        assertThat(cut.label(0, 2)).as("the weak row starts the second piece").isEqualTo(3);
        assertThat(cut.label(1, 5)).isEqualTo(4);
        float[] oblong = tenths("9999", "9999", "9999");
        assertThat(ConnectedComponents.of(oblong, 0, 4, 3, 0.5).splitRuns(oblong, 0, 1.5).count()).isEqualTo(1);
    }

    @Test
    void piecesThatGetNoPixelDisappearAndBadAspectsAreRefused() {
        // A 6 x 2 staircase cut into 3 pieces: each piece gets pixels, and labels stay dense 1..count.
        float[] m = tenths(
                "990000",
                "009999");
        ConnectedComponents cut = ConnectedComponents.of(m, 0, 6, 2, 0.5).splitRuns(m, 0, 1.5);
        for (int l = 1; l <= cut.count(); l++) {
            assertThat(cut.area(l)).isPositive();
        }
        assertThat(cut.count()).isEqualTo(3);
        assertThatThrownBy(() -> cut.splitRuns(m, 0, 1.0)).hasMessageContaining("minAspect 1.0");
    }
}
