package org.unidefense.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class EvenSpacingTest {
    // Expected values printed by numpy 2.4: np.linspace(0, n - 1, k).astype(int)
    @Test
    void matchesNumpyLinspaceTruncation() {
        assertArrayEquals(new int[]{0, 4, 9}, EvenSpacing.indices(10, 3));
        assertArrayEquals(new int[]{0, 16, 33, 49, 66, 82, 99}, EvenSpacing.indices(100, 7));
        assertArrayEquals(new int[]{0, 10, 21, 32, 42, 53, 64, 74, 85, 96}, EvenSpacing.indices(97, 10));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 6}, EvenSpacing.indices(7, 6));
        assertArrayEquals(new int[]{0, 499, 999}, EvenSpacing.indices(1000, 3));
        assertArrayEquals(new int[]{0}, EvenSpacing.indices(50, 1));
    }

    @Test
    void reproducesNumpysRoundingWhereExactArithmeticDiffers() {
        // 11 * 30/22 is 15 exactly, but numpy's double product is 14.999...; numpy keeps 14.
        assertArrayEquals(new int[]{0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 30},
                EvenSpacing.indices(31, 23));
    }

    @Test
    void keepsEveryFrameWhenAllOrMoreAreWanted() {
        assertArrayEquals(new int[]{0, 1, 2, 3}, EvenSpacing.indices(4, 0));
        assertArrayEquals(new int[]{0, 1, 2, 3}, EvenSpacing.indices(4, -1));
        assertArrayEquals(new int[]{0, 1, 2, 3}, EvenSpacing.indices(4, 4));
        assertArrayEquals(new int[]{0, 1, 2, 3}, EvenSpacing.indices(4, 9));
        assertArrayEquals(new int[0], EvenSpacing.indices(0, 5));
    }
}
