package org.unidefense.data.store;

import org.unidefense.UserInputException;
import org.unidefense.data.ImageStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Image files under a root directory; a key is a path relative to it (an absolute key, as
 * Celeb-DF's directory scan yields, is used as is — the reference joins it the same way).
 */
public final class FolderImageStore implements ImageStore {
    private final Path root;

    public FolderImageStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The file a key names. */
    public Path fileOf(String key) {
        return root.resolve(key);
    }

    @Override
    public byte[] read(String key) {
        Path file = fileOf(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": image file of item '" + key + "' not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the image of item '" + key + "': " + e, e);
        }
    }

    @Override
    public boolean contains(String key) {
        return Files.isRegularFile(fileOf(key));
    }

    @Override
    public String describe() {
        return "folder " + root;
    }
}
