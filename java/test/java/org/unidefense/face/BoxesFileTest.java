package org.unidefense.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.data.FaceBox;

class BoxesFileTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("boxes.csv"), text);
    }

    @Test
    void readsBoxesPerFileAndFrameLargestFirst() throws IOException {
        Path file = csv("""
                path,frame,x,y,w,h
                # comment lines and blank lines are skipped

                clips/a.mp4,3,10,20,30,40
                clips/a.mp4,3,0,0,100,100
                clips/a.mp4,7, 1 , 2 , 3 , 4
                face.png,0,5,6,7,8
                """);
        BoxesFile boxes = BoxesFile.read(file);
        Path a = dir.resolve("clips/a.mp4");
        assertEquals(List.of(new FaceBox(0, 0, 100, 100), new FaceBox(10, 20, 30, 40)), boxes.boxes(a, 3));
        assertEquals(List.of(new FaceBox(1, 2, 3, 4)), boxes.boxes(a, 7));
        assertEquals(List.of(), boxes.boxes(a, 4));
        // the same file by another spelling of its path
        assertEquals(List.of(new FaceBox(5, 6, 7, 8)), boxes.boxes(dir.resolve("clips/../face.png"), 0));
        assertTrue(boxes.covers(a));
        assertFalse(boxes.covers(dir.resolve("other.png")));
    }

    @Test
    void headerIsOptionalAndPathsMayHoldCommasOrQuotes() throws IOException {
        Path absolute = dir.resolve("x.jpg").toAbsolutePath();
        BoxesFile boxes = BoxesFile.read(csv("\uFEFFme, at the beach.jpg,0,1,1,2,2\n\"quoted.jpg\",0,3,3,4,4\n"
                + absolute + ",2,0,0,9,9\r\n"));
        assertEquals(List.of(new FaceBox(1, 1, 2, 2)), boxes.boxes(dir.resolve("me, at the beach.jpg"), 0));
        assertEquals(List.of(new FaceBox(3, 3, 4, 4)), boxes.boxes(dir.resolve("quoted.jpg"), 0));
        assertEquals(List.of(new FaceBox(0, 0, 9, 9)), boxes.boxes(absolute, 2));
    }

    @Test
    void errorsNameTheFileLineAndWhatWasExpected() throws IOException {
        Path f = csv("path,frame,x,y,w,h\na.png,0,1,2,3\n");
        assertEquals(f + ":2: expected 6 comma-separated fields path,frame,x,y,w,h, got 'a.png,0,1,2,3'",
                assertThrows(UserInputException.class, () -> BoxesFile.read(f)).getMessage());

        Path g = csv("file,frame_index,left,top,width,height\n");
        assertEquals(g + ":1: field 'frame' must be an integer, got 'frame_index'"
                        + " (an optional header is exactly path,frame,x,y,w,h)",
                assertThrows(UserInputException.class, () -> BoxesFile.read(g)).getMessage());

        Path h = csv("a.png,0,1,2,3,4\na.png,0,1,2,0,4\n");
        assertEquals(h + ":2: w and h must be positive, got 0, 4",
                assertThrows(UserInputException.class, () -> BoxesFile.read(h)).getMessage());

        Path i = csv("a.png,-1,1,2,3,4\n");
        assertEquals(i + ":1: frame, x and y must be 0 or more, got -1, 1, 2",
                assertThrows(UserInputException.class, () -> BoxesFile.read(i)).getMessage());

        Path j = csv(",0,1,2,3,4\n");
        assertEquals(j + ":1: the path field is empty",
                assertThrows(UserInputException.class, () -> BoxesFile.read(j)).getMessage());

        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": boxes file not found",
                assertThrows(UserInputException.class, () -> BoxesFile.read(missing)).getMessage());
    }

    @Test
    void asDetectorItChecksBoxesFitThePicture() throws IOException {
        Path f = csv("a.png,0,10,10,50,40\nb.png,0,60,0,50,50\n");
        BoxesFile boxes = BoxesFile.read(f);
        try (Mat picture = new Mat(60, 100, CV_8UC3)) {
            assertEquals(List.of(new FaceBox(10, 10, 50, 40)), boxes.forFrame(dir.resolve("a.png"), 0).detect(picture));
            assertEquals(List.of(), boxes.forFrame(dir.resolve("a.png"), 1).detect(picture));
            UserInputException e = assertThrows(UserInputException.class,
                    () -> boxes.forFrame(dir.resolve("b.png"), 0).detect(picture));
            assertEquals(f + ":2: box 60,0,50,50 reaches outside the 100x60 picture of "
                    + dir.resolve("b.png") + " frame 0", e.getMessage());
        }
    }
}
