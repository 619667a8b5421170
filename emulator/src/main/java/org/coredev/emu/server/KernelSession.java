package org.coredev.emu.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.device.KernelRun;
import org.coredev.emu.runtime.eh.ArtiqException;
import org.coredev.emu.runtime.eh.RegisterState;
import org.coredev.emu.runtime.eh.UnwindTables;
import org.coredev.emu.runtime.rpc.Host;
import org.coredev.emu.runtime.rpc.RpcCall;
import org.coredev.emu.runtime.rpc.RpcReply;
import org.coredev.emu.runtime.rpc.RpcType;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.Linker;
import org.coredev.loader.LoaderException;
import org.coredev.loader.Target;
import org.coredev.loader.TargetMemory;

/**
 * One connection on the kernel session port (runtime/session.rs, libproto_artiq/session_proto.rs;
 * the host side is artiq/coredevice/comm_kernel.py). The host greets with "ARTIQ coredev\n", the
 * device answers "e" (little-endian); every message then starts with the sync bytes 5a 5a 5a 5a and
 * a type byte. The kernel runs on this connection's thread; its RPCs go to the host over the same
 * socket ({@link SocketHost}) and wait for the answer.
 *
 * <p>A board whose kernel CPU is OR1K speaks ARTIQ 6's protocol (release-6 session.rs and
 * session_proto.rs): "E" and network byte order, KernelFinished without the async-error byte,
 * KernelException with one exception named by its string and a backtrace of return addresses
 * relative to the payload address ({@link Artiq6ExceptionReply}), RPCException with the
 * exception's name and strings themselves.
 */
final class KernelSession implements Runnable {
    static final byte[] MAGIC = "ARTIQ coredev\n".getBytes(StandardCharsets.US_ASCII);

    /** Host to device (session_proto.rs Request). */
    static final int SYSTEM_INFO = 3, LOAD_KERNEL = 5, RUN_KERNEL = 6, RPC_REPLY = 7, RPC_EXCEPTION = 8, SUBKERNEL_UPLOAD = 9;
    /** Device to host (session_proto.rs Reply). */
    static final int R_SYSTEM_INFO = 2, R_LOAD_COMPLETED = 5, R_LOAD_FAILED = 6, R_KERNEL_FINISHED = 7,
            R_KERNEL_STARTUP_FAILED = 8, R_KERNEL_EXCEPTION = 9, R_RPC_REQUEST = 10;
    /**
     * coredev's own requests, for hosts that keep kernels resident (the ARTIQ host extension
     * coredev_bundles.py): far from ARTIQ's numbers, which an unmodified host never leaves.
     * Load: name and library; attach: a library's SHA-256; run: the same SHA-256.
     */
    static final int RESIDENT_LOAD = 0xc0, RESIDENT_ATTACH = 0xc1, RESIDENT_RUN = 0xc2;
    /** Largest kernel library accepted (the board's kernel CPU has 64 MiB). */
    static final int MAX_KERNEL = 64 << 20;
    /** Kernel image name in messages, as comm_kernel.py sends no file name. */
    static final String KERNEL_NAME = "kernel.elf";

    private static final System.Logger LOG = System.getLogger(KernelSession.class.getName());

    private final Socket socket;
    private final EmulatedBoard board;
    private final String ident;
    private final Runnable onGreeted;
    /** ARTIQ 6's protocol (an OR1K board) rather than today's. */
    private final boolean artiq6;
    private final java.nio.ByteOrder order;
    private WireIn in;
    private OutputStream out;
    /** The library of a LoadKernel that succeeded, until RunKernel consumes it. */
    private byte[] loaded;

    /** {@code onGreeted} runs once the greeting is right (the server then ends the previous session). */
    KernelSession(Socket socket, EmulatedBoard board, String ident, Runnable onGreeted) {
        this.socket = socket;
        this.board = board;
        this.ident = ident;
        this.onGreeted = onGreeted;
        this.artiq6 = board.device().config().target() == Target.OR1K;
        this.order = artiq6 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
    }

    /** A message in this session's byte order. */
    private WireOut wire() { return new WireOut(order); }

    @Override
    public void run() {
        try {
            in = new WireIn(new BufferedInputStream(socket.getInputStream()), order);
            out = socket.getOutputStream();
            byte[] magic = in.exact(MAGIC.length, "greeting");
            if (!Arrays.equals(magic, MAGIC)) {
                warn("wrong magic from " + socket.getRemoteSocketAddress());
                return;
            }
            onGreeted.run();
            out.write(artiq6 ? 'E' : 'e');
            out.flush();
            while (true) {
                int type = readHeader(true);
                if (type < 0) return;   // the host closed the connection between messages
                handle(type);
            }
        } catch (IOException | RuntimeException e) {
            if (socket.isClosed() && e instanceof IOException) return;   // the server stopped or a newer session took over
            board.finishedCleanly = false;
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.log(System.Logger.Level.ERROR, "kernel session from " + socket.getRemoteSocketAddress() + " aborted: " + message);
            logToCore(CoreLog.Level.ERROR, "session aborted: " + message);
        }
        // The server's connection thread closes the socket once this returns.
    }

    /** Scans for the sync bytes (session_proto.rs read_sync), then reads the type byte; -1 at a clean end. */
    private int readHeader(boolean endAllowed) throws IOException {
        int run = 0;
        while (run < 4) {
            int b = run == 0 && endAllowed ? in.u8OrEnd() : in.u8("message header");
            if (b < 0) return -1;
            run = b == 0x5a ? run + 1 : 0;
        }
        return in.u8("message type");
    }

    private void handle(int type) throws IOException {
        switch (type) {
            case SYSTEM_INFO -> systemInfo();
            case LOAD_KERNEL -> load(in.bytes("kernel library", MAX_KERNEL));
            case RUN_KERNEL -> runKernel();
            case RESIDENT_LOAD -> loadResident(in.string("resident kernel name", 4096), in.bytes("kernel library", MAX_KERNEL));
            case RESIDENT_ATTACH -> attachResident(in.bytes("kernel digest", 64));
            case RESIDENT_RUN -> runResident(in.bytes("kernel digest", 64));
            case RPC_REPLY, RPC_EXCEPTION -> throw new IOException("unsolicited RPC reply");
            case SUBKERNEL_UPLOAD -> {
                in.i32("subkernel id");
                in.u8("subkernel destination");
                in.bytes("subkernel library", MAX_KERNEL);
                send(wire().u8(R_LOAD_FAILED).string("No DRTIO on this system, subkernels are not supported"));
            }
            default -> throw new IOException("unknown packet 0x%02x".formatted(type));
        }
    }

    private void systemInfo() throws IOException {
        send(wire().u8(R_SYSTEM_INFO).raw("AROR".getBytes(StandardCharsets.US_ASCII)).string(ident)
                .u8(board.finishedCleanly ? 1 : 0));
        board.finishedCleanly = true;
    }

    /** LoadKernel: the library goes through the board's linker now, so that its error is LoadFailed. */
    private void load(byte[] library) throws IOException {
        loaded = null;
        LoadCheck check;
        board.lock.lock();
        try {
            board.device().idle(SessionTiming.KASLI.loadMu(library.length));
            check = checkLoad(board.device(), library);
        } finally {
            board.lock.unlock();
        }
        String error = check.error();
        if (error == null) {
            loaded = library;
            send(wire().u8(R_LOAD_COMPLETED));
        } else {
            send(wire().u8(R_LOAD_FAILED).string("cannot load kernel: " + error));
        }
    }

    /** The image as linked (null on error) or the loader's error (null when it linked). */
    record LoadCheck(LoadedImage image, String error) {}

    /**
     * Links the library into scratch memory with the device's own runtime exports and memory map:
     * the image the device will place at the same address, or the error the loader gives.
     */
    static LoadCheck checkLoad(CoreDevice device, byte[] library) {
        Target target = device.config().target();
        Linker linker = new Linker(target, new ScratchMemory(), device.runtime(), device.memoryMap().payloadBase(),
                device.kernelMemoryEnd());
        try {
            LoadedImage image = linker.load(KERNEL_NAME, library);
            image.modinit();
            return new LoadCheck(image, null);
        } catch (LoaderException e) {
            return new LoadCheck(null, e.getMessage());
        } catch (RuntimeException e) {
            return new LoadCheck(null, KERNEL_NAME + ": " + e);
        }
    }

    /**
     * Keeps a library resident (loaded after the resident ones, never unloaded), charged as an
     * upload; the same bytes again reset the resident copy instead. LoadCompleted or LoadFailed.
     */
    private void loadResident(String name, byte[] library) throws IOException {
        loaded = null;
        String error = null;
        board.lock.lock();
        try {
            board.device().idle(SessionTiming.KASLI.loadMu(library.length));
            var kept = board.device().keepResident(name.isEmpty() ? KERNEL_NAME : name, library);
            logToCore(CoreLog.Level.INFO, "kernel %s resident at 0x%08x as %s".formatted(kept.fileName(), kept.image().base(), kept.id()));
        } catch (EmulatorException e) {
            error = e.getMessage();
        } finally {
            board.lock.unlock();
        }
        if (error == null) send(wire().u8(R_LOAD_COMPLETED));
        else send(wire().u8(R_LOAD_FAILED).string("cannot keep kernel resident: " + error));
    }

    /** A resident library by digest, reset to its state as loaded: no upload. LoadFailed if it is not resident. */
    private void attachResident(byte[] digest) throws IOException {
        boolean found;
        board.lock.lock();
        try {
            var kept = board.device().resident(digest);
            kept.ifPresent(board.device()::resetResident);
            found = kept.isPresent();
        } finally {
            board.lock.unlock();
        }
        if (found) send(wire().u8(R_LOAD_COMPLETED));
        else send(wire().u8(R_LOAD_FAILED).string("no resident kernel " + HexFormat.of().formatHex(digest)));
    }

    private void runResident(byte[] digest) throws IOException {
        board.lock.lock();
        try {
            var kept = board.device().resident(digest);
            if (kept.isEmpty()) {
                send(wire().u8(R_KERNEL_STARTUP_FAILED));
                logToCore(CoreLog.Level.ERROR, "cannot start kernel: no resident kernel " + HexFormat.of().formatHex(digest));
                return;
            }
            runAndReply(device -> device.runResident(kept.get()));
        } finally {
            board.lock.unlock();
        }
    }

    private void runKernel() throws IOException {
        byte[] library = loaded;
        loaded = null;
        if (library == null) {   // session.rs kern_run: not in Loaded state
            send(wire().u8(R_KERNEL_STARTUP_FAILED));
            return;
        }
        board.lock.lock();
        try {
            runAndReply(device -> device.run(KERNEL_NAME, library));
        } finally {
            board.lock.unlock();
        }
    }

    /** How a kernel starts on the device: a fresh upload or a resident image. */
    private interface Start {
        KernelRun on(CoreDevice device) throws EmulatorException;
    }

    /** Runs a kernel with this connection as its host, then replies KernelFinished or KernelException (the board lock is held). */
    private void runAndReply(Start start) throws IOException {
        SocketHost host = new SocketHost();
        WireOut reply = wire();
        {
            CoreDevice device = board.device();
            device.idle(SessionTiming.KASLI.runKernelMu());
            device.withHost(host);
            KernelRun run;
            try {
                run = start.on(device);
            } catch (EmulatorException e) {
                // The library linked at LoadKernel; a failure here is the same loader error.
                send(wire().u8(R_KERNEL_STARTUP_FAILED));
                logToCore(CoreLog.Level.ERROR, "cannot start kernel: " + e.getMessage());
                return;
            } finally {
                device.withHost(call -> RpcReply.unanswerable("no kernel session"));
            }
            board.logRun(run);
            if (host.failure != null) throw host.failure;   // the connection broke during an RPC
            int async = run.asyncErrorBits() & 0xff;
            LoadedImage image = device.lastImage().orElseThrow();
            if (artiq6) {
                reply.u8(run.outcome() instanceof KernelOutcome.Finished ? R_KERNEL_FINISHED : R_KERNEL_EXCEPTION);
                if (!(run.outcome() instanceof KernelOutcome.Finished))
                    Artiq6ExceptionReply.of(run.outcome(), device.memoryMap().payloadBase(), device.rtio()::channelName).writeTo(reply);
                send(reply);
                return;
            }
            switch (run.outcome()) {
                case KernelOutcome.Finished f -> reply.u8(R_KERNEL_FINISHED).u8(async);
                case KernelOutcome.Uncaught u -> {
                    reply.u8(R_KERNEL_EXCEPTION);
                    if (u.report() != null) {
                        KernelExceptionReply.of(u.report(), image.base(), device.rtio()::channelName).writeTo(reply, async);
                    } else {
                        UnwindTables tables = new UnwindTables(device.runtime().memory());
                        tables.add(image);
                        List<Integer> sps = KernelExceptionReply.stackPointers(KernelExceptionReply.returnAddresses(u),
                                RegisterState.callerOf(device.cpu(), device.runtime().abi()), device.runtime().memory(), tables);
                        KernelExceptionReply.of(u, image.base(), sps).writeTo(reply, async);
                    }
                }
                default -> {
                    // A guest fault, budget or host failure has no ARTIQ exception: report it as RuntimeError.
                    reply.u8(R_KERNEL_EXCEPTION);
                    KernelExceptionReply.runtimeError(run.outcome().describe()).writeTo(reply, async);
                }
            }
        }
        send(reply);
    }

    private void send(WireOut message) throws IOException {
        byte[] body = message.toByteArray();
        byte[] framed = new byte[body.length + 4];
        Arrays.fill(framed, 0, 4, (byte) 0x5a);
        System.arraycopy(body, 0, framed, 4, body.length);
        out.write(framed);
        out.flush();
    }

    private void logToCore(CoreLog.Level level, String message) {
        board.logNow(level, "runtime::session", message);
    }

    private static void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }

    /**
     * The kernel's RPCs, forwarded to the host over this connection (session.rs RpcSend:
     * RPCRequest with the async flag, then rpc_proto.rs send_args). A synchronous call waits for
     * RPCReply or RPCException; a broken connection makes the call unanswerable, which ends the
     * kernel, and the session ends after it.
     */
    private final class SocketHost implements Host {
        IOException failure;

        @Override
        public RpcReply call(RpcCall call) {
            if (failure != null) return RpcReply.unanswerable("the host connection is gone: " + failure.getMessage());
            try {
                WireOut request = wire().u8(R_RPC_REQUEST).u8(call.async() ? 1 : 0);
                RpcWire.writeCall(request, call);
                send(request);
                if (call.async()) return RpcReply.NONE;
                while (true) {
                    int type = readHeader(false);
                    switch (type) {
                        case RPC_REPLY -> {
                            RpcType returns = RpcWire.returnType(in.bytes("RPC return tag", 4096));
                            return RpcReply.value(RpcWire.readValue(in, returns));
                        }
                        case RPC_EXCEPTION -> { return hostException(); }
                        case SYSTEM_INFO -> systemInfo();
                        default -> throw new IOException("unexpected packet 0x%02x while the kernel waits for an RPC reply".formatted(type));
                    }
                }
            } catch (IOException e) {
                failure = e;
                return RpcReply.unanswerable("the host connection failed: " + e.getMessage());
            }
        }

        /**
         * RPCException: the host sends its exception's name, message, file and function as keys of
         * its embedding map (session_proto.rs RpcException). The kernel gets that exception object
         * as session.rs builds it: the name's key is the id the kernel's handlers compare (the
         * host's embedding map gives an exception class's name the same key in the kernel and in
         * the RPC), the strings stay host strings and go back as the same keys if uncaught.
         */
        private RpcReply hostException() throws IOException {
            if (artiq6) {
                // ARTIQ 6: the name ("0:ValueError", "5:__main__.Lost") and the strings themselves.
                String name = in.string("exception name", 4096), message = in.string("exception message", 1 << 16);
                List<Long> params = new java.util.ArrayList<>(3);
                for (int k = 0; k < 3; k++) params.add(in.i64("exception parameter"));
                String file = in.string("exception file", 4096);
                int line = in.i32("exception line"), column = in.i32("exception column");
                String function = in.string("exception function", 4096);
                return new RpcReply.RaiseHost(ArtiqException.named(name, file, line, column, function, message, params));
            }
            int name = in.i32("exception name"), message = in.i32("exception message");
            List<Long> params = new java.util.ArrayList<>(3);
            for (int k = 0; k < 3; k++) params.add(in.i64("exception parameter"));
            int file = in.i32("exception file"), line = in.i32("exception line"), column = in.i32("exception column");
            int function = in.i32("exception function");
            return new RpcReply.RaiseHost(new ArtiqException(name, hostString(file), line, column, hostString(function),
                    hostString(message), params));
        }
    }

    private static String hostString(int key) { return "<host string " + Integer.toUnsignedString(key) + ">"; }

    /** Sparse memory for the load check: 4 KiB pages on demand, so checking costs the image's size. */
    private static final class ScratchMemory implements TargetMemory {
        private final TreeMap<Integer, byte[]> pages = new TreeMap<>();

        @Override public void write(int address, byte[] data) {
            int k = 0;
            while (k < data.length) {
                int at = address + k, n = Math.min(data.length - k, 4096 - (at & 0xfff));
                System.arraycopy(data, k, page(at), at & 0xfff, n);
                k += n;
            }
        }

        @Override public byte[] read(int address, int length) {
            byte[] b = new byte[length];
            for (int k = 0; k < length; k++) b[k] = page(address + k)[(address + k) & 0xfff];
            return b;
        }

        private byte[] page(int address) {
            return pages.computeIfAbsent(address >>> 12, p -> new byte[4096]);
        }
    }
}
