package org.coredev.emu.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The host side of the management protocol, written from artiq/coredevice/comm_mgmt.py. */
final class CommMgmtClient implements AutoCloseable {
    static final int GET_LOG = 1, CLEAR_LOG = 2, REBOOT = 5, CONFIG_READ = 12, CONFIG_WRITE = 13, CONFIG_REMOVE = 14, CONFIG_ERASE = 15;
    static final int R_SUCCESS = 1, R_LOG_CONTENT = 2, R_REBOOT_IMMINENT = 3, R_ERROR = 6, R_CONFIG_DATA = 7;

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    CommMgmtClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write("ARTIQ management\n".getBytes(StandardCharsets.US_ASCII));
        out.write(0);   // drtio_dest
        int endian = in.read();
        if (endian != 'e') throw new IOException("Incorrect reply from device: expected e/E, got " + endian);
    }

    @Override public void close() throws IOException { socket.close(); }

    void writeHeader(int type) throws IOException { out.write(type); }
    void writeInt32(int v) throws IOException { out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array()); }
    void writeBytes(byte[] b) throws IOException { writeInt32(b.length); out.write(b); }
    void writeString(String s) throws IOException { writeBytes(s.getBytes(StandardCharsets.UTF_8)); }

    int readHeader() throws IOException {
        int t = in.read();
        if (t < 0) throw new IOException("Connection closed");
        return t;
    }
    void readExpect(int type) throws IOException {
        int t = readHeader();
        if (t != type) throw new IOException("Incorrect reply from device: %d (expected %d)".formatted(t, type));
    }
    int readInt32() throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
    byte[] readBytes() throws IOException {
        byte[] b = new byte[readInt32()];
        in.readFully(b);
        return b;
    }

    String getLog() throws IOException {
        writeHeader(GET_LOG);
        readExpect(R_LOG_CONTENT);
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    void clearLog() throws IOException {
        writeHeader(CLEAR_LOG);
        readExpect(R_SUCCESS);
    }

    /** The value, or null where comm_mgmt.py raises "The key may not exist". */
    byte[] configRead(String key) throws IOException {
        writeHeader(CONFIG_READ);
        writeString(key);
        int t = readHeader();
        if (t == R_ERROR) return null;
        if (t != R_CONFIG_DATA) throw new IOException("Incorrect reply from device: " + t);
        return readBytes();
    }

    /** True on Success, false on Error. */
    boolean configWrite(String key, byte[] value) throws IOException {
        writeHeader(CONFIG_WRITE);
        writeString(key);
        writeBytes(value);
        int t = readHeader();
        if (t != R_SUCCESS && t != R_ERROR) throw new IOException("Incorrect reply from device: " + t);
        return t == R_SUCCESS;
    }

    void configRemove(String key) throws IOException {
        writeHeader(CONFIG_REMOVE);
        writeString(key);
        readExpect(R_SUCCESS);
    }

    void configErase() throws IOException {
        writeHeader(CONFIG_ERASE);
        readExpect(R_SUCCESS);
    }

    void reboot() throws IOException {
        writeHeader(REBOOT);
        readExpect(R_REBOOT_IMMINENT);
    }
}
