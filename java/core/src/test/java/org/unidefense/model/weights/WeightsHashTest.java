package org.unidefense.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

class WeightsHashTest {
    @TempDir
    Path dir;

    @Test
    void thePrefixIsTorchHubsFirstDashHexDot() {
        assertEquals("5c106cde", WeightsHash.expectedPrefix("resnet18-5c106cde.pth"));
        assertEquals("14fe96d1", WeightsHash.expectedPrefix("resnet50_a1_0-14fe96d1.pth"));
        // "-efficientnet" and "-b4" are not followed by a dot: the hash is the part before ".pth"
        assertEquals("44fb3a87", WeightsHash.expectedPrefix("adv-efficientnet-b4-44fb3a87.pth"));
        assertNull(WeightsHash.expectedPrefix("weights.pth"));
    }

    @Test
    void sha256OfAKnownInput() throws Exception {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        Path f = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", WeightsHash.sha256(f));
    }

    @Test
    void anOfficialNameWithOtherContentIsAClearError() throws Exception {
        Path f = Files.writeString(dir.resolve("resnet18-5c106cde.pth"), "abc");
        UserInputException e = assertThrows(UserInputException.class, () -> WeightsHash.verifyOfficial(f));
        assertTrue(e.getMessage().contains("ba7816bf") && e.getMessage().contains("does not start with 5c106cde")
                && e.getMessage().contains("ckpt/README.md"), e.getMessage());
    }

    @Test
    void otherNamesAreNotChecked() throws Exception {
        // A user's own file may contain "-<hex>." by chance; only the official names promise a hash.
        Path other = Files.writeString(dir.resolve("my-weights-beef.pth"), "abc");
        WeightsHash.verifyOfficial(other);
        assertTrue(OfficialWeights.isOfficialFileName("adv-efficientnet-b4-44fb3a87.pth"));
        assertTrue(!OfficialWeights.isOfficialFileName("my-weights-beef.pth"));
    }
}
