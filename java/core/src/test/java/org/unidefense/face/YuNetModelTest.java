package org.unidefense.face;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

/**
 * The YuNet model file is checked before OpenCV sees it. (The network itself is not exercised here:
 * the file is the user's download and is not part of the repository.)
 */
class YuNetModelTest {
    @TempDir
    Path dir;

    @Test
    void aMissingModelSaysWhatToDownloadAndWhere() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> YuNetModel.locate(dir.resolve(YuNetModel.FILE)));
        String m = e.getMessage();
        assertTrue(m.contains(YuNetModel.FILE) && m.contains("opencv_zoo") && m.contains(YuNetModel.SHA256)
                && m.contains("--detector haar"), m);
    }

    @Test
    void aFileWithAnotherHashIsRefused() throws Exception {
        // What a failed download often is: a Git LFS pointer saved under the model's name.
        Path f = Files.writeString(dir.resolve(YuNetModel.FILE),
                "version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 232589\n");
        UserInputException e = assertThrows(UserInputException.class, () -> YuNetModel.locate(f));
        assertTrue(e.getMessage().contains("is not that of " + YuNetModel.FILE), e.getMessage());
    }
}
