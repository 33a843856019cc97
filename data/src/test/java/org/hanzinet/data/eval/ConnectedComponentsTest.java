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
}
