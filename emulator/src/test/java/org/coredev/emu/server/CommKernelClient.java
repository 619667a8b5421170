package org.coredev.emu.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of the kernel session protocol, written from artiq/coredevice/comm_kernel.py
 * (Request/Reply numbers, "<lB" headers after the endianness byte, _receive_rpc_value,
 * _send_rpc_value, _serve_exception) independently of the server's code.
 */
final class CommKernelClient implements AutoCloseable {
    /** Python's None among decoded values. */
    static final Object NONE = new Object() { @Override public String toString() { return "None"; } };

    record Tuple(List<Object> values) {}
    record Keyword(String name, Object value) {}
    record Range(Object start, Object stop, Object step) {}
    record Array(List<Integer> shape, List<Object> values) {}
    record HostObject(int id) {}
    record SystemInfo(String runtimeId, String gatewareVersion, boolean finishedCleanly) {}
    record RpcRequest(boolean async, int service, List<Object> args, Map<String, Object> kwargs, byte[] returnTags) {}
    /** A string as _serve_exception reads it: text, or a key of the host's embedding map. */
    record ExnString(String text, Integer hostKey) {}
    record Exn(int nameId, ExnString message, List<Long> params, ExnString file, int line, int column, ExnString function) {}
    record KernelException(List<Exn> exceptions, List<int[]> exceptionInfo, List<Integer> backtrace,
                           List<Integer> stackPointers, int asyncErrors) {}

    static final int SYSTEM_INFO = 3, LOAD_KERNEL = 5, RUN_KERNEL = 6, RPC_REPLY = 7, RPC_EXCEPTION = 8;
    static final int R_SYSTEM_INFO = 2, R_LOAD_COMPLETED = 5, R_LOAD_FAILED = 6, R_KERNEL_FINISHED = 7,
            R_KERNEL_STARTUP_FAILED = 8, R_KERNEL_EXCEPTION = 9, R_RPC_REQUEST = 10;

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The device's byte order as its endianness byte says: "e" little, "E" big (ARTIQ 6's OR1K boards). */
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    CommKernelClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write("ARTIQ coredev\n".getBytes(StandardCharsets.US_ASCII));
        int endian = in.read();
        if (endian == 'E') order = ByteOrder.BIG_ENDIAN;
        else if (endian != 'e') throw new IOException("Incorrect reply from device: expected e/E, got " + endian);
    }

    /** Over in-memory streams, to test encodings without a server. */
    CommKernelClient(InputStream in, OutputStream out) {
        socket = null;
        this.in = new DataInputStream(in);
        this.out = out;
    }

    @Override public void close() throws IOException { if (socket != null) socket.close(); }

    // ---- writer (struct "<l", "<q", "<d", "B")
    void writeHeader(int type) throws IOException {
        out.write(ByteBuffer.allocate(5).order(order).putInt(0x5a5a5a5a).put((byte) type).array());
    }
    void writeInt8(int v) throws IOException { out.write(v); }
    void writeInt32(int v) throws IOException { out.write(ByteBuffer.allocate(4).order(order).putInt(v).array()); }
    void writeInt64(long v) throws IOException { out.write(ByteBuffer.allocate(8).order(order).putLong(v).array()); }
    void writeBytes(byte[] b) throws IOException { writeInt32(b.length); out.write(b); }
    void writeRaw(byte[] b) throws IOException { out.write(b); }
    void flush() throws IOException { out.flush(); }

    // ---- reader
    int readInt8() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("Core device connection closed unexpectedly");
        return b;
    }
    int readInt32() throws IOException { return ByteBuffer.wrap(read(4)).order(order).getInt(); }
    long readInt64() throws IOException { return ByteBuffer.wrap(read(8)).order(order).getLong(); }
    double readFloat64() throws IOException { return Double.longBitsToDouble(readInt64()); }
    byte[] read(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
    byte[] readBytes() throws IOException { return read(readInt32()); }
    String readString() throws IOException { return new String(readBytes(), StandardCharsets.UTF_8); }

    /** _read_header: wait for 5a 5a 5a 5a, then the type. */
    int readHeader() throws IOException {
        int sync = 0;
        while (sync < 4) sync = readInt8() == 0x5a ? sync + 1 : 0;
        return readInt8();
    }

    int expect(int... types) throws IOException {
        int t = readHeader();
        for (int x : types) if (x == t) return t;
        throw new IOException("Incorrect reply from device: " + t);
    }

    // ---- exported API
    SystemInfo systemInfo() throws IOException {
        writeHeader(SYSTEM_INFO);
        flush();
        expect(R_SYSTEM_INFO);
        String id = new String(read(4), StandardCharsets.US_ASCII);
        String version = readString().split(";")[0];
        boolean clean = readInt8() != 0;
        return new SystemInfo(id, version, clean);
    }

    /** null if loaded, else LoadFailed's text. */
    String load(byte[] library) throws IOException {
        writeHeader(LOAD_KERNEL);
        writeBytes(library);
        flush();
        int t = expect(R_LOAD_COMPLETED, R_LOAD_FAILED);
        return t == R_LOAD_FAILED ? readString() : null;
    }

    void run() throws IOException {
        writeHeader(RUN_KERNEL);
        flush();
    }

    // ---- coredev's resident kernels (KernelSession RESIDENT_*, as coredev_bundles.py sends them)
    static final int RESIDENT_LOAD = 0xc0, RESIDENT_ATTACH = 0xc1, RESIDENT_RUN = 0xc2;

    /** null if the library is resident now, else LoadFailed's text. */
    String loadResident(String name, byte[] library) throws IOException {
        writeHeader(RESIDENT_LOAD);
        writeBytes(name.getBytes(StandardCharsets.UTF_8));
        writeBytes(library);
        flush();
        int t = expect(R_LOAD_COMPLETED, R_LOAD_FAILED);
        return t == R_LOAD_FAILED ? readString() : null;
    }

    /** null if a resident kernel has this digest (it is reset), else LoadFailed's text. */
    String attachResident(byte[] digest) throws IOException {
        writeHeader(RESIDENT_ATTACH);
        writeBytes(digest);
        flush();
        int t = expect(R_LOAD_COMPLETED, R_LOAD_FAILED);
        return t == R_LOAD_FAILED ? readString() : null;
    }

    void runResident(byte[] digest) throws IOException {
        writeHeader(RESIDENT_RUN);
        writeBytes(digest);
        flush();
    }

    // ---- RPC (_serve_rpc)
    RpcRequest readRpcRequestBody() throws IOException {
        boolean async = readInt8() != 0;
        int service = readInt32();
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        while (true) {
            Object v = receiveValue();
            if (v == SENTINEL) break;
            if (v instanceof Keyword k) kwargs.put(k.name(), k.value());
            else args.add(v);
        }
        return new RpcRequest(async, service, args, kwargs, readBytes());
    }

    private static final Object SENTINEL = new Object();

    Object receiveValue() throws IOException {
        char tag = (char) readInt8();
        return receive(tag);
    }

    private Object receive(char tag) throws IOException {
        return switch (tag) {
            case '\0' -> SENTINEL;
            case 't' -> {
                int n = readInt8();
                List<Object> values = new ArrayList<>();
                for (int k = 0; k < n; k++) values.add(receiveValue());
                yield new Tuple(values);
            }
            case 'n' -> NONE;
            case 'b' -> readInt8() != 0;
            case 'i' -> readInt32();
            case 'I' -> readInt64();
            case 'f' -> readFloat64();
            case 's' -> readString();
            case 'B', 'A' -> readBytes();
            case 'O' -> new HostObject(readInt32());
            case 'l' -> {
                int length = readInt32();
                char t = (char) readInt8();
                yield elements(t, length);
            }
            case 'a' -> {
                int dims = readInt8();
                List<Integer> shape = new ArrayList<>();
                int n = 1;
                for (int k = 0; k < dims; k++) {
                    shape.add(readInt32());
                    n *= shape.getLast();
                }
                char t = (char) readInt8();
                yield new Array(shape, elements(t, n));
            }
            case 'r' -> new Range(receiveValue(), receiveValue(), receiveValue());
            case 'k' -> new Keyword(readString(), receiveValue());
            default -> throw new IOException("Unknown RPC value tag: " + (int) tag);
        };
    }

    private List<Object> elements(char t, int length) throws IOException {
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < length; k++) {
            switch (t) {
                case 'b' -> out.add(readInt8() != 0);
                case 'i' -> out.add(readInt32());
                case 'I' -> out.add(readInt64());
                case 'f' -> out.add(readFloat64());
                default -> {
                    readInt8();   // the device repeats the tag for each non-primitive element
                    out.add(receive(t));
                }
            }
        }
        return out;
    }

    /** RPCReply: the return tags, then the value untagged (_send_rpc_value). */
    void replyValue(String returnTags, Object value) throws IOException {
        writeHeader(RPC_REPLY);
        byte[] tags = returnTags.getBytes(StandardCharsets.ISO_8859_1);
        writeBytes(tags);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        sendValue(new int[] {0}, tags, value, b);
        writeRaw(b.toByteArray());
        flush();
    }

    private void sendValue(int[] at, byte[] tags, Object value, ByteArrayOutputStream b) {
        char tag = (char) tags[at[0]++];
        ByteBuffer le = ByteBuffer.allocate(8).order(order);
        switch (tag) {
            case 't' -> {
                int n = tags[at[0]++];
                for (Object e : ((Tuple) value).values()) sendValue(at, tags, e, b);
                if (((Tuple) value).values().size() != n) throw new IllegalArgumentException("tuple arity");
            }
            case 'n' -> { }
            case 'b' -> b.write((Boolean) value ? 1 : 0);
            case 'i' -> b.write(le.putInt((Integer) value).array(), 0, 4);
            case 'I' -> b.write(le.putLong((Long) value).array(), 0, 8);
            case 'f' -> b.write(le.putDouble((Double) value).array(), 0, 8);
            case 's' -> {
                byte[] s = ((String) value).getBytes(StandardCharsets.UTF_8);
                b.write(le.putInt(s.length).array(), 0, 4);
                b.writeBytes(s);
            }
            case 'B', 'A' -> {
                byte[] s = (byte[]) value;
                b.write(le.putInt(s.length).array(), 0, 4);
                b.writeBytes(s);
            }
            case 'l' -> {
                List<?> list = (List<?>) value;
                b.write(le.putInt(list.size()).array(), 0, 4);
                int elementAt = at[0];
                for (Object e : list) {
                    at[0] = elementAt;
                    sendValue(at, tags, e, b);
                }
                at[0] = elementAt;
                skip(at, tags);
            }
            case 'a' -> {
                Array a = (Array) value;
                at[0]++;   // dims
                for (int s : a.shape()) b.write(ByteBuffer.allocate(4).order(order).putInt(s).array(), 0, 4);
                int elementAt = at[0];
                for (Object e : a.values()) {
                    at[0] = elementAt;
                    sendValue(at, tags, e, b);
                }
                at[0] = elementAt;
                skip(at, tags);
            }
            case 'r' -> {
                Range r = (Range) value;
                int elementAt = at[0];
                for (Object e : List.of(r.start(), r.stop(), r.step())) {
                    at[0] = elementAt;
                    sendValue(at, tags, e, b);
                }
            }
            default -> throw new IllegalArgumentException("Unknown RPC value tag: " + tag);
        }
    }

    private static void skip(int[] at, byte[] tags) {
        char tag = (char) tags[at[0]++];
        switch (tag) {
            case 't' -> {
                int n = tags[at[0]++];
                for (int k = 0; k < n; k++) skip(at, tags);
            }
            case 'l', 'r' -> skip(at, tags);
            case 'a' -> {
                at[0]++;
                skip(at, tags);
            }
            default -> { }
        }
    }

    /** RPCException with embedding-map keys, as _serve_rpc sends for an exception the service raised. */
    void replyException(int nameId, int messageId, long[] params, int fileId, int line, int column, int functionId) throws IOException {
        writeHeader(RPC_EXCEPTION);
        writeInt32(nameId);
        writeInt32(messageId);
        for (long p : params) writeInt64(p);
        writeInt32(fileId);
        writeInt32(line);
        writeInt32(column);
        writeInt32(functionId);
        flush();
    }

    /** The device's byte order ("e" / "E"). */
    ByteOrder order() { return order; }

    /** ARTIQ 6's RPCException (release-6 comm_kernel.py _serve_rpc): the name and strings themselves. */
    void replyExceptionArtiq6(String name, String message, long[] params, String file, int line, int column, String function)
            throws IOException {
        writeHeader(RPC_EXCEPTION);
        writeBytes(name.getBytes(StandardCharsets.UTF_8));
        writeBytes(message.getBytes(StandardCharsets.UTF_8));
        for (long p : params) writeInt64(p);
        writeBytes(file.getBytes(StandardCharsets.UTF_8));
        writeInt32(line);
        writeInt32(column);
        writeBytes(function.getBytes(StandardCharsets.UTF_8));
        flush();
    }

    /** ARTIQ 6's KernelException body (release-6 _serve_exception): one exception, return addresses. */
    record Artiq6Exception(String name, String message, List<Long> params, String file, int line, int column, String function,
                           List<Integer> backtrace) {}

    Artiq6Exception readArtiq6ExceptionBody() throws IOException {
        String name = readString(), message = readString();
        List<Long> params = List.of(readInt64(), readInt64(), readInt64());
        String file = readString();
        int line = readInt32(), column = readInt32();
        String function = readString();
        List<Integer> backtrace = new ArrayList<>();
        for (int n = readInt32(), k = 0; k < n; k++) backtrace.add(readInt32());
        return new Artiq6Exception(name, message, params, file, line, column, function, backtrace);
    }

    // ---- _serve_exception
    private ExnString exceptionString() throws IOException {
        int length = readInt32();
        if (length == -1) return new ExnString(null, readInt32());
        return new ExnString(new String(read(length), StandardCharsets.UTF_8), null);
    }

    KernelException readKernelExceptionBody() throws IOException {
        int count = readInt32();
        List<Exn> exns = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int name = readInt32();
            ExnString message = exceptionString();
            List<Long> params = List.of(readInt64(), readInt64(), readInt64());
            ExnString file = exceptionString();
            int line = readInt32(), column = readInt32();
            ExnString function = exceptionString();
            exns.add(new Exn(name, message, params, file, line, column, function));
        }
        List<int[]> info = new ArrayList<>();
        for (int k = 0; k < count; k++) info.add(new int[] {readInt32(), readInt32(), readInt32()});
        List<Integer> backtrace = new ArrayList<>(), sps = new ArrayList<>();
        int n = readInt32();
        for (int k = 0; k < n; k++) {
            backtrace.add(readInt32());
            sps.add(readInt32());
        }
        return new KernelException(exns, info, backtrace, sps, readInt8());
    }

    /** Python's str.format with positional {N} / {} fields, as _serve_exception formats the first message. */
    static String pythonFormat(String message, List<Long> params) {
        StringBuilder b = new StringBuilder();
        int auto = 0;
        for (int k = 0; k < message.length(); k++) {
            char c = message.charAt(k);
            if (c == '{' && k + 1 < message.length() && message.charAt(k + 1) == '{') { b.append('{'); k++; }
            else if (c == '}' && k + 1 < message.length() && message.charAt(k + 1) == '}') { b.append('}'); k++; }
            else if (c == '{') {
                int end = message.indexOf('}', k);
                String field = message.substring(k + 1, end);
                b.append(params.get(field.isEmpty() ? auto++ : Integer.parseInt(field)));
                k = end;
            } else b.append(c);
        }
        return b.toString();
    }

    InputStream rawInput() { return in; }
}
