package org.unidefense.checkpoint;

import org.unidefense.UserInputException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * A file written by Python's {@code torch.save}, read safely in pure Java: both the zip and
 * the legacy format, with only the tensor-rebuild globals allowed (see {@link AllowedGlobals}).
 *
 * <pre>{@code
 * TorchSaveFile f = TorchSaveFile.read(Path.of("best_model.bin"));
 * StateDict weights = f.stateDict();          // the file itself, or e.g. its "model" entry
 * StoredTensor w = weights.get("conv1.weight");
 * }</pre>
 */
public final class TorchSaveFile {
    /** Keys under which training scripts commonly nest a model's state dict, most likely first. */
    static final List<String> STATE_DICT_KEYS = List.of("state_dict", "model", "model_state_dict", "net",
            "network", "module", "weights");

    private final Path path;
    private final CheckpointFormat format;
    private final Object root;

    private TorchSaveFile(Path path, CheckpointFormat format, Object root) {
        this.path = path;
        this.format = format;
        this.root = root;
    }

    /**
     * Reads the whole file. Bad input (missing, truncated, corrupt, not a torch.save file, or
     * naming a Python global outside the allow-list) raises a {@link UserInputException}
     * naming the file.
     */
    public static TorchSaveFile read(Path path) {
        CheckpointFormat format = detect(path);
        try {
            Object root = format == CheckpointFormat.ZIP ? ZipFormatReader.read(path) : LegacyFormatReader.read(path);
            return new TorchSaveFile(path, format, root);
        } catch (ForbiddenGlobalException e) {
            throw new UserInputException(path + ": refusing to load the Python global '" + e.global()
                    + "'; only tensors, plain Python values and OrderedDict are allowed (a file naming other"
                    + " globals could run code when loaded in Python)", e);
        } catch (PickleException e) {
            throw new UserInputException(path + ": not a readable torch.save " + format + " file: "
                    + e.getMessage(), e);
        } catch (EOFException e) {
            throw new UserInputException(path + ": the file is truncated: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new UserInputException(path + ": corrupt or truncated zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserInputException(path + ": cannot read: " + e, e);
        }
    }

    private static CheckpointFormat detect(Path path) {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(512);
        } catch (NoSuchFileException e) {
            throw new UserInputException(path + ": no such file");
        } catch (IOException e) {
            throw new UserInputException(path + ": cannot read: " + e, e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return CheckpointFormat.ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2) {
            return CheckpointFormat.LEGACY;
        }
        if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            throw new UserInputException(path + ": a tar-format torch.save file (PyTorch before 0.4), which is not"
                    + " supported; load and re-save it with a newer PyTorch");
        }
        throw new UserInputException(path + ": not a torch.save file (expected a zip archive or a pickle, found "
                + (head.length == 0 ? "an empty file" : "bytes starting " + hex(head)) + ")");
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x ", head[i] & 0xff));
        }
        return sb.toString().trim();
    }

    public Path path() {
        return path;
    }

    public CheckpointFormat format() {
        return format;
    }

    /** The unpickled object: a map, list, tuple, tensor or plain value (see {@link Unpickler}). */
    public Object root() {
        return root;
    }

    /**
     * The model's state dict: the file itself when it is one, else the entry of a checkpoint
     * dict that holds one (preferring keys such as {@code model} and {@code state_dict}).
     */
    public StateDict stateDict() {
        return stateDictKey().map(this::stateDict).orElseGet(() -> {
            if (StateDict.isStateDict(root)) {
                return StateDict.of(root, path.toString());
            }
            throw new UserInputException(path + ": holds no state dict (a dict of tensor values); found "
                    + describeTop());
        });
    }

    /** The state dict stored under {@code key} of the file's top-level dict. */
    public StateDict stateDict(String key) {
        if (!(root instanceof Map<?, ?> m) || !m.containsKey(key)) {
            throw new UserInputException(path + ": has no top-level key '" + key + "'; found " + describeTop());
        }
        return StateDict.of(m.get(key), path + " [" + key + "]");
    }

    /**
     * The top-level key holding the state dict of a nested checkpoint, or empty when the file
     * itself is the state dict (or holds none).
     */
    public Optional<String> stateDictKey() {
        if (StateDict.isStateDict(root) || !(root instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        for (String k : STATE_DICT_KEYS) {
            if (StateDict.isStateDict(m.get(k))) {
                return Optional.of(k);
            }
        }
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (StateDict.isStateDict(e.getValue())) {
                candidates.add(String.valueOf(e.getKey()));
            }
        }
        if (candidates.size() > 1) {
            throw new UserInputException(path + ": several entries hold state dicts " + candidates
                    + "; name the one to use");
        }
        return candidates.stream().findFirst();
    }

    private String describeTop() {
        if (root instanceof Map<?, ?> m) {
            return "a dict with keys " + m.keySet();
        }
        return root == null ? "None" : "a " + PythonValues.typeName(root);
    }
}
