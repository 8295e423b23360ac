package org.unidefense.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * NumPy scalars as Python pickles them ({@code numpy.core.multiarray.scalar(dtype, bytes)},
 * with the bytes spelled as {@code _codecs.encode(str, 'latin1')} under protocol 2). Training
 * scripts save metrics such as {@code best_auc} this way. These three globals only decode
 * data, so they are allowed; the scalar becomes a Double, Long or Boolean.
 */
final class NumpyScalars {
    /** A {@code numpy.dtype}: its type code (e.g. {@code f8}) and, after BUILD, its byte order. */
    static final class NumpyDType {
        final String code;
        char byteOrder = '<';

        NumpyDType(String code) {
            this.code = code;
        }

        /** BUILD state: {@code (version, byteorder, subdtypes, names, fields, elsize, alignment, flags)}. */
        void setState(Object state) {
            if (state instanceof PyTuple t && t.size() > 1 && t.get(1) instanceof String order && order.length() == 1) {
                byteOrder = order.charAt(0);
                return;
            }
            throw new PickleException("unexpected numpy dtype state " + AllowedGlobals.describe(state));
        }

        @Override
        public String toString() {
            return "numpy.dtype(" + code + ")";
        }
    }

    private NumpyScalars() {
    }

    // numpy.dtype(code, align, copy)
    static Object dtype(PyTuple args) {
        if (args.size() < 1 || !(args.get(0) instanceof String code)) {
            throw new PickleException("numpy.dtype called with " + args);
        }
        return new NumpyDType(code);
    }

    // _codecs.encode(text, 'latin1'): how protocol 2 spells bytes objects
    static Object latin1Encode(PyTuple args) {
        if (args.size() != 2 || !(args.get(0) instanceof String s)
                || !("latin1".equals(args.get(1)) || "latin-1".equals(args.get(1)))) {
            throw new PickleException("_codecs.encode is only allowed as encode(str, 'latin1'), got " + args);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // numpy.core.multiarray.scalar(dtype, raw_bytes)
    static Object scalar(PyTuple args) {
        if (args.size() != 2 || !(args.get(0) instanceof NumpyDType d) || !(args.get(1) instanceof byte[] raw)) {
            throw new PickleException("numpy scalar called with " + args);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(d.byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int size = raw.length;
        switch (d.code.charAt(0) + ":" + size) {
            case "f:8": return b.getDouble();
            case "f:4": return (double) b.getFloat();
            case "f:2": return (double) ElementReader.halfToFloat(b.getShort());
            case "i:8": return b.getLong();
            case "i:4": return (long) b.getInt();
            case "i:2": return (long) b.getShort();
            case "i:1": return (long) b.get();
            case "u:4": return b.getInt() & 0xffffffffL;
            case "u:2": return (long) (b.getShort() & 0xffff);
            case "u:1": return (long) (b.get() & 0xff);
            case "b:1": return b.get() != 0;
            default:
                throw new PickleException("unsupported numpy scalar type " + d.code + " of " + size + " bytes");
        }
    }
}
