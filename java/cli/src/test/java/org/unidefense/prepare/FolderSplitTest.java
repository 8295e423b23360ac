package org.unidefense.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

class FolderSplitTest {
    private static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("v%02d", i));
        }
        return out;
    }

    private static int[] counts(List<String> splits) {
        return new int[] {Collections.frequency(splits, "train"), Collections.frequency(splits, "val"),
            Collections.frequency(splits, "test")};
    }

    @Test
    void countsFollowTheRatiosRoundedWithEverySplitNonEmpty() {
        double[] r = FolderSplit.ratios("0.7,0.15,0.15");
        assertArrayEquals(new int[] {70, 15, 15}, counts(FolderSplit.assign(names(100), r, 1)));
        assertArrayEquals(new int[] {6, 1, 2}, counts(FolderSplit.assign(names(9), r, 1))); // 6.3, 1.35, rest
        assertArrayEquals(new int[] {1, 1, 1}, counts(FolderSplit.assign(names(3), r, 1))); // 2.1 -> 1 to leave val/test one
        assertArrayEquals(new int[] {1, 0, 1}, counts(FolderSplit.assign(names(2), r, 1))); // 1.4, 0.3, rest
    }

    @Test
    void theSeedDecidesTheAssignmentAndTheSameSeedRepeatsIt() {
        double[] r = FolderSplit.ratios("0.5,0.25,0.25");
        List<String> a = FolderSplit.assign(names(40), r, 7);
        assertEquals(a, FolderSplit.assign(names(40), r, 7));
        assertNotEquals(a, FolderSplit.assign(names(40), r, 8));
    }

    @Test
    void badRatiosAreUserErrors() {
        assertThrows(UserInputException.class, () -> FolderSplit.ratios("0.7,0.3"));
        assertThrows(UserInputException.class, () -> FolderSplit.ratios("0.7,0.2,0.2"));
        assertThrows(UserInputException.class, () -> FolderSplit.ratios("a,b,c"));
        assertThrows(UserInputException.class, () -> FolderSplit.ratios("1.2,-0.1,-0.1"));
    }
}
