package org.unidefense.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds pickle bytes opcode by opcode, for crafted test files. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto2() {
        return new PickleBytes().hex("8002");
    }

    PickleBytes hex(String h) {
        out.writeBytes(HexFormat.of().parseHex(h));
        return this;
    }

    PickleBytes op(char c) {
        out.write(c);
        return this;
    }

    PickleBytes global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        for (int i = 0; i < 4; i++) {
            out.write((b.length >>> (8 * i)) & 0xff);
        }
        out.writeBytes(b);
        return this;
    }

    /** BININT (4 bytes, signed). */
    PickleBytes integer(int v) {
        out.write('J');
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }

    /** The three leading records of a legacy file: magic number, protocol version 1001, sys_info. */
    static byte[] legacyHeader(boolean littleEndian) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HexFormat.of().parseHex("80028a0a6cfc9c46f9206aa850192e"));
        b.writeBytes(HexFormat.of().parseHex("80024de9032e"));
        b.writeBytes(proto2().op('}').op('(').str("protocol_version").hex("4de903").str("little_endian")
                .hex(littleEndian ? "88" : "89").op('u').stop());
        return b.toByteArray();
    }
}
