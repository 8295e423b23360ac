package org.unidefense.data;

import org.unidefense.config.ConfigChoice;
import org.unidefense.config.OnError;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataErrorPolicyTest {
    private static final Sample ITEM = Sample.of("ds/v1/0.jpg", 0, "real", "O");

    private static byte[] missing() {
        throw new UserInputException("store: LMDB key 'ds/v1/0.jpg' not found");
    }

    @Test
    void failRethrowsSkipCountsAndKeepsTheMessage() {
        assertThrows(UserInputException.class, () -> DataErrorPolicy.failing().apply(ITEM, DataErrorPolicyTest::missing));
        DataErrorPolicy skip = new DataErrorPolicy(OnError.SKIP);
        assertNull(skip.apply(ITEM, DataErrorPolicyTest::missing));
        assertEquals(new byte[] {1}.length, skip.apply(ITEM, () -> new byte[] {1}).length);
        assertEquals(1, skip.skipped());
        assertTrue(skip.skippedMessages().get(0).startsWith("ds/v1/0.jpg: "));
    }

    @Test
    void parsesTheOptionValue() {
        assertEquals(OnError.FAIL, ConfigChoice.parse(OnError.class, "fail", "--on_error"));
        assertEquals(OnError.SKIP, ConfigChoice.parse(OnError.class, "skip", "--on_error"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> ConfigChoice.parse(OnError.class, "ignore", "--on_error"));
        assertTrue(e.getMessage().contains("--on_error: expected one of [fail, skip], found 'ignore'"), e.getMessage());
    }

    @Test
    void emptySplitIsNamed() {
        DatasetSplit empty = new DatasetSplit("train/real", "train", java.util.List.of(), java.util.Map.of());
        UserInputException e = assertThrows(UserInputException.class, empty::requireNonEmpty);
        assertTrue(e.getMessage().contains("train/real"));
    }
}
