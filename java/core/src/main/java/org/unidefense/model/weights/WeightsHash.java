package org.unidefense.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.unidefense.UserInputException;

/**
 * The check {@code torch.hub} makes of a downloaded weight file: the hex digits after the last
 * name part's dash ({@code resnet18-5c106cde.pth} → {@code 5c106cde}) must be the start of the
 * file's SHA-256. Applied to the official ImageNet files only (by exact file name), where the name
 * is known to carry the hash: a truncated download or a different file under the official name is
 * then a clear error instead of odd weights or an unpickling failure.
 */
public final class WeightsHash {
    /** torch.hub's {@code HASH_REGEX}: the first {@code -<hex>.} in the name. */
    private static final Pattern HASH = Pattern.compile("-([a-f0-9]*)\\.");

    private WeightsHash() {
    }

    /** The hash prefix the name promises, or null when it has none. */
    public static String expectedPrefix(String fileName) {
        Matcher m = HASH.matcher(fileName);
        return m.find() && !m.group(1).isEmpty() ? m.group(1) : null;
    }

    /** The file's SHA-256 in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks an official ImageNet file against the hash in its name; other names pass unchecked.
     *
     * @throws UserInputException naming the file, both hashes and what to do
     */
    public static void verifyOfficial(Path file) {
        String name = file.getFileName().toString();
        if (!OfficialWeights.isOfficialFileName(name)) {
            return;
        }
        String prefix = expectedPrefix(name);
        if (prefix == null) {
            return;
        }
        String actual = sha256(file);
        if (!actual.startsWith(prefix)) {
            throw new UserInputException(file + ": SHA-256 " + actual + " does not start with " + prefix
                    + ", the hash in the official file name (torch.hub checks the same): the file is incomplete or "
                    + "another file under this name. Download it again from the address in ckpt/README.md.");
        }
    }
}
