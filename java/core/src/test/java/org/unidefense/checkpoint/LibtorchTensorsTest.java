package org.unidefense.checkpoint;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.tensor.Tensors;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored tensors to libtorch and back, for every dtype and for strided views. */
class LibtorchTensorsTest {
    @TempDir
    Path dir;

    private StateDict torchWritten() {
        Path p = CheckpointFiles.write(dir, "d.pt", CheckpointFiles.resource("/checkpoint/torch_dtypes.zip.pt"));
        return TorchSaveFile.read(p).stateDict("tensors");
    }

    @Test
    void everyDtypeConvertsWithItsValues() {
        StateDict t = torchWritten();
        try (PointerScope s = new PointerScope()) {
            for (DType d : DType.values()) {
                StoredTensor st = t.get(d.pythonName());
                Tensor x = LibtorchTensors.toTensor(st);
                assertEquals(LibtorchTensors.scalarType(d).value, x.scalar_type().value, d.pythonName());
                assertArrayEquals(new long[]{2, 3}, Tensors.shape(x));
                assertArrayEquals(st.toFloats(), Tensors.toFloats(x), d.pythonName());
                StoredTensor back = LibtorchTensors.fromTensor(x);
                assertEquals(d, back.dtype());
                assertArrayEquals(st.contiguousBytes(), back.contiguousBytes(), d.pythonName());
            }
        }
    }

    @Test
    void viewsBecomeContiguousCopies() {
        StateDict t = torchWritten();
        try (PointerScope s = new PointerScope()) {
            for (String k : new String[]{"pool_row2", "pool_col1", "pool_t", "pool"}) {
                StoredTensor st = t.get(k);
                Tensor x = LibtorchTensors.toTensor(st);
                assertTrue(x.is_contiguous(), k);
                assertArrayEquals(st.shape(), Tensors.shape(x), k);
                assertArrayEquals(st.toFloats(), Tensors.toFloats(x), k);
            }
        }
    }

    @Test
    void scalarsEmptyTensorsAndLibtorchInput() {
        try (PointerScope s = new PointerScope()) {
            Tensor scalar = LibtorchTensors.toTensor(StoredTensor.ofLongs(new long[]{4321}));
            assertEquals(0, scalar.dim());
            assertEquals(4321L, scalar.item_long());
            Tensor empty = LibtorchTensors.toTensor(StoredTensor.ofFloats(new float[0], 0, 3));
            assertArrayEquals(new long[]{0, 3}, Tensors.shape(empty));
            Tensor src = Tensors.fromFloats(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).t();
            StoredTensor st = LibtorchTensors.fromTensor(src);
            assertArrayEquals(new long[]{3, 2}, st.shape());
            assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, st.toFloats());
            Tensor complex = Tensors.fromFloats(new float[]{1, 2}, 2).to(ScalarType.ComplexFloat);
            assertThrows(IllegalArgumentException.class, () -> LibtorchTensors.fromTensor(complex));
        }
    }
}
