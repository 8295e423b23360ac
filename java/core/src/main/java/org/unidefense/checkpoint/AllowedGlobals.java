package org.unidefense.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only Python globals a pickle may name: the functions {@code torch.save} uses to rebuild
 * tensors and parameters, {@code collections.OrderedDict}, the typed-storage classes that
 * tell a storage's dtype, and the three data-only globals of pickled NumPy scalars
 * (see {@link NumpyScalars}). Everything else (for example {@code os.system} or
 * {@code builtins.eval}, which a malicious file would use) is refused before it is used.
 */
final class AllowedGlobals {
    /** A callable global, applied by REDUCE or NEWOBJ. */
    record Function(String qualifiedName, java.util.function.Function<PyTuple, Object> body) {
        Object call(PyTuple args) {
            return body.apply(args);
        }
    }

    /** A storage class such as {@code torch.FloatStorage}; only meaningful inside a persistent id. */
    record StorageType(String qualifiedName, DType dtype) {
    }

    /** A storage seen through a legacy storage view: the root storage and an element offset. */
    record StorageView(Storage root, long offset) {
    }

    private static final Map<String, Function> FUNCTIONS = Map.of(
            "collections.OrderedDict", new Function("collections.OrderedDict", AllowedGlobals::orderedDict),
            "torch._utils._rebuild_tensor_v2", new Function("torch._utils._rebuild_tensor_v2", AllowedGlobals::rebuildTensorV2),
            "torch._utils._rebuild_tensor", new Function("torch._utils._rebuild_tensor", AllowedGlobals::rebuildTensor),
            "torch._utils._rebuild_parameter", new Function("torch._utils._rebuild_parameter", AllowedGlobals::rebuildParameter),
            "torch._utils._rebuild_parameter_with_state",
            new Function("torch._utils._rebuild_parameter_with_state", AllowedGlobals::rebuildParameter),
            "numpy.core.multiarray.scalar", new Function("numpy.core.multiarray.scalar", NumpyScalars::scalar),
            "numpy._core.multiarray.scalar", new Function("numpy._core.multiarray.scalar", NumpyScalars::scalar),
            "numpy.dtype", new Function("numpy.dtype", NumpyScalars::dtype),
            "_codecs.encode", new Function("_codecs.encode", NumpyScalars::latin1Encode));

    private AllowedGlobals() {
    }

    /** The allowed object for {@code module.name}, or a {@link ForbiddenGlobalException}. */
    static Object resolve(String module, String name) {
        String qualified = module + "." + name;
        Function f = FUNCTIONS.get(qualified);
        if (f != null) {
            return f;
        }
        Optional<StorageType> st = storageType(module, name);
        if (st.isPresent()) {
            return st.get();
        }
        throw new ForbiddenGlobalException(qualified);
    }

    private static Optional<StorageType> storageType(String module, String name) {
        String qualified = module + "." + name;
        if (module.equals("torch")) {
            Optional<DType> d = DType.ofStorageClass(name);
            if (d.isPresent()) {
                return Optional.of(new StorageType(qualified, d.get()));
            }
        }
        // Untyped storages hold raw bytes; torch names them for dtypes without a typed class.
        if ((module.equals("torch") || module.equals("torch.storage")) && name.equals("UntypedStorage")) {
            return Optional.of(new StorageType(qualified, DType.UINT8));
        }
        return Optional.empty();
    }

    private static Object orderedDict(PyTuple args) {
        PyOrderedDict d = new PyOrderedDict();
        if (args.size() == 1 && args.get(0) instanceof List<?> pairs) {
            for (Object p : pairs) {
                List<Object> kv = pair(p);
                d.put(kv.get(0), kv.get(1));
            }
        } else if (args.size() != 0) {
            throw new PickleException("collections.OrderedDict called with " + args.size() + " arguments");
        }
        return d;
    }

    private static List<Object> pair(Object p) {
        List<?> items = p instanceof PyTuple t ? t.items() : p instanceof List<?> l ? l : null;
        if (items == null || items.size() != 2) {
            throw new PickleException("OrderedDict item is not a key-value pair: " + p);
        }
        return List.of(items.get(0), items.get(1));
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private static Object rebuildTensorV2(PyTuple a) {
        requireArgs(a, 6, 7, "_rebuild_tensor_v2");
        return tensor(a.get(0), a.get(1), a.get(2), a.get(3), truth(a.get(4)));
    }

    // The pre-1.0 form: _rebuild_tensor(storage, storage_offset, size, stride)
    private static Object rebuildTensor(PyTuple a) {
        requireArgs(a, 4, 4, "_rebuild_tensor");
        return tensor(a.get(0), a.get(1), a.get(2), a.get(3), false);
    }

    // _rebuild_parameter(data, requires_grad, backward_hooks) and the _with_state form (one more
    // argument: Python attributes of the Parameter, which a tensor value cannot hold).
    private static Object rebuildParameter(PyTuple a) {
        requireArgs(a, 3, 4, "_rebuild_parameter");
        if (!(a.get(0) instanceof StoredTensor t)) {
            throw new PickleException("_rebuild_parameter expects a tensor, got " + describe(a.get(0)));
        }
        return new StoredTensor(t.storage(), t.storageOffset(), t.shape(), t.stride(), truth(a.get(1)));
    }

    private static StoredTensor tensor(Object storage, Object offset, Object size, Object stride, boolean grad) {
        Storage root;
        long base;
        if (storage instanceof Storage s) {
            root = s;
            base = 0;
        } else if (storage instanceof StorageView v) {
            root = v.root();
            base = v.offset();
        } else {
            throw new PickleException("tensor rebuild expects a storage, got " + describe(storage));
        }
        try {
            return new StoredTensor(root, base + integer(offset), longs(size), longs(stride), grad);
        } catch (IllegalArgumentException e) {
            throw new PickleException("bad tensor: " + e.getMessage(), e);
        }
    }

    private static void requireArgs(PyTuple a, int min, int max, String what) {
        if (a.size() < min || a.size() > max) {
            throw new PickleException(what + " called with " + a.size() + " arguments");
        }
    }

    private static boolean truth(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        throw new PickleException("expected a bool, got " + describe(o));
    }

    static long integer(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new PickleException("expected an int, got " + describe(o));
    }

    private static long[] longs(Object o) {
        if (!(o instanceof PyTuple t)) {
            throw new PickleException("expected a tuple of ints, got " + describe(o));
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(t.get(i));
        }
        return out;
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName() + " " + abbreviate(String.valueOf(o));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
