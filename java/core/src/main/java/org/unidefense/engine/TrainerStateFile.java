package org.unidefense.engine;

import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.ArchiveWriter;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.ZipIntegrity;
import org.unidefense.io.AtomicFiles;
import org.unidefense.tensor.Placement;
import org.unidefense.io.NativeErrors;
import org.unidefense.tensor.Tensors;
import org.unidefense.train.Training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trainer state a checkpoint's weights do not hold: the libtorch optimizer state (moments,
 * step counts) and the seeded generator's state, in a libtorch archive next to the checkpoint,
 * tagged with the step it belongs to. Written atomically before the checkpoint itself, so a
 * checkpoint never points at a missing or older state.
 */
public final class TrainerStateFile {
    private static final String OPTIMIZER = "optimizer";
    private static final String GENERATOR = "generator";
    private static final String STEP = "step";

    private TrainerStateFile() {
    }

    public static void save(Path file, Training training, long step) {
        OutputArchive archive = new OutputArchive();
        OutputArchive optimizer = new OutputArchive();
        training.optimizer().optimizer().save(optimizer);
        archive.write(OPTIMIZER, optimizer);
        archive.write(GENERATOR, training.generator().get_state());
        archive.write(STEP, Tensors.fromLongs(new long[] {step}, 1));
        try {
            AtomicFiles.write(file, tmp -> writeArchive(archive, tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Writes the archive through a Java callback rather than libtorch's file writer: on a full disk
     * libtorch's writer fails inside a destructor and aborts the whole process (SIGABRT, "unexpected
     * pos"). Here the bytes go to a channel; a write failure is remembered, libtorch is told every
     * byte was taken (so it finishes normally), and the failure is thrown once it returns.
     */
    private static void writeArchive(OutputArchive archive, Path tmp) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            IOException[] failure = {null};
            ArchiveWriter writer = new ArchiveWriter() {
                @Override
                public long call(Pointer data, long n) {
                    if (failure[0] == null && n > 0) {
                        try {
                            ByteBuffer b = new BytePointer(data).capacity(n).asByteBuffer();
                            while (b.hasRemaining()) {
                                ch.write(b);
                            }
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }
                    return n;
                }
            };
            try {
                archive.save_to(writer);
            } catch (RuntimeException e) {
                throw new IOException("libtorch could not serialise the trainer state" + NativeErrors.detail(e), e);
            } finally {
                writer.close();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            ch.force(false);
        }
    }

    /** The step a trainer state file belongs to, after checking the file is whole (for {@code weights inspect}). */
    public static long step(Path file) {
        ZipIntegrity.verify(file, "trainer state");
        InputArchive archive = new InputArchive();
        Tensor saved = new Tensor();
        try {
            archive.load_from(file.toString());
            archive.read(STEP, saved);
        } catch (RuntimeException e) {
            throw new UserInputException("trainer state " + file + " is unusable: libtorch cannot read it as an"
                    + " optimizer/generator archive" + NativeErrors.detail(e), e);
        }
        return Tensors.toLongs(saved)[0];
    }

    /** Restores the optimizer and generator; the file must belong to {@code step}. */
    public static void load(Path file, Training training, long step) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("cannot resume: trainer state " + file + " is missing");
        }
        ZipIntegrity.verify(file, "trainer state");
        InputArchive archive = new InputArchive();
        Tensor saved = new Tensor();
        try {
            // map_location = the model's device: optimizer moments saved on a GPU load on the CPU and back.
            archive.load_from(file.toString(), new DeviceOptional(Placement.deviceOf(training.model())));
            archive.read(STEP, saved);
        } catch (RuntimeException e) {
            // libtorch's message is a C++ stack trace; the file and what it should be say more
            throw new UserInputException("trainer state " + file + " is unusable: libtorch cannot read it as an"
                    + " optimizer/generator archive" + NativeErrors.detail(e), e);
        }
        long savedStep = Tensors.toLongs(saved)[0];
        if (savedStep != step) {
            throw new UserInputException("cannot resume: trainer state " + file + " is of step " + savedStep
                    + " but its checkpoint of step " + step);
        }
        try {
            InputArchive optimizer = new InputArchive();
            archive.read(OPTIMIZER, optimizer);
            training.optimizer().optimizer().load(optimizer);
            Tensor generator = new Tensor();
            archive.read(GENERATOR, generator);
            training.generator().set_state(generator.cpu()); // the seeded generator is a CPU one on every device
        } catch (RuntimeException e) {
            throw new UserInputException("trainer state " + file + " does not fit this run's optimizer (was it written"
                    + " with another config.optimizer?)" + NativeErrors.detail(e), e);
        }
    }
}
