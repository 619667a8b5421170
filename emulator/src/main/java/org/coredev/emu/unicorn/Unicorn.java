package org.coredev.emu.unicorn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Thin java.lang.foreign binding to one Unicorn 2 engine ({@code uc_engine*}) in Debian's
 * {@code libunicorn.so.2}. Each method is one C call; every {@code uc_err} other than {@code UC_ERR_OK}
 * becomes a {@link UnicornException} naming the call, except {@link #emuStart}, whose error code is an
 * execution outcome (unmapped access, CPU exception) and is returned.
 *
 * <p>Not thread-safe: one engine is driven by one thread at a time. Hooks run on the thread that called
 * {@link #emuStart}. Closing releases the engine, the hooks' upcall stubs and all scratch memory.
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; run with --enable-native-access
public final class Unicorn implements AutoCloseable {

    /** Debian's shared object name for Unicorn 2. */
    public static final String SONAME = "libunicorn.so.2";
    /** Where Debian installs it (tried when the loader's search path does not find {@link #SONAME}). */
    public static final Path DEBIAN_PATH = Path.of("/usr/lib/x86_64-linux-gnu/libunicorn.so.2");

    // uc_arch, uc_mode (unicorn.h)
    public static final int UC_ARCH_RISCV = 8;
    public static final int UC_MODE_RISCV32 = 1 << 2;

    // uc_err (unicorn.h)
    public static final int UC_ERR_OK = 0;
    public static final int UC_ERR_READ_UNMAPPED = 6;
    public static final int UC_ERR_WRITE_UNMAPPED = 7;
    public static final int UC_ERR_FETCH_UNMAPPED = 8;
    public static final int UC_ERR_INSN_INVALID = 10;
    public static final int UC_ERR_MAP = 11;
    public static final int UC_ERR_READ_UNALIGNED = 16;
    public static final int UC_ERR_WRITE_UNALIGNED = 17;
    public static final int UC_ERR_FETCH_UNALIGNED = 18;
    public static final int UC_ERR_EXCEPTION = 21;

    // uc_hook_type (unicorn.h)
    public static final int UC_HOOK_INTR = 1;
    public static final int UC_HOOK_MEM_READ_UNMAPPED = 1 << 4;
    public static final int UC_HOOK_MEM_WRITE_UNMAPPED = 1 << 5;
    public static final int UC_HOOK_MEM_FETCH_UNMAPPED = 1 << 6;
    public static final int UC_HOOK_MEM_UNMAPPED =
            UC_HOOK_MEM_READ_UNMAPPED | UC_HOOK_MEM_WRITE_UNMAPPED | UC_HOOK_MEM_FETCH_UNMAPPED;
    public static final int UC_HOOK_MEM_WRITE = 1 << 11;

    // uc_mem_type (unicorn.h)
    public static final int UC_MEM_READ_UNMAPPED = 19;
    public static final int UC_MEM_WRITE_UNMAPPED = 20;
    public static final int UC_MEM_FETCH_UNMAPPED = 21;

    // uc_prot (unicorn.h)
    public static final int UC_PROT_ALL = 7;

    /** Receives each memory write an instruction makes ({@code UC_HOOK_MEM_WRITE}). */
    @FunctionalInterface
    public interface MemoryWriteHook {
        void onWrite(long address, int size, long value);
    }

    /** Receives CPU exceptions and interrupts ({@code UC_HOOK_INTR}); {@code intno} is QEMU's exception index. */
    @FunctionalInterface
    public interface InterruptHook {
        void onInterrupt(int intno);
    }

    /**
     * Receives accesses to unmapped memory ({@code UC_HOOK_MEM_*_UNMAPPED}); {@code type} is a
     * {@code UC_MEM_*_UNMAPPED} value. Returning false stops emulation with the matching {@code uc_err}.
     */
    @FunctionalInterface
    public interface UnmappedHook {
        boolean onUnmapped(int type, long address, int size, long value);
    }

    private final Arena arena;
    private final MemorySegment engine;
    /** Scratch for register values and out-parameters: no allocation per register access. */
    private final MemorySegment scratch;
    private Throwable hookFailure;
    private boolean closed;

    /** Opens an engine ({@code uc_open}). */
    public Unicorn(int arch, int mode) {
        Native.require();
        arena = Arena.ofShared();
        scratch = arena.allocate(JAVA_LONG);
        try {
            MemorySegment out = arena.allocate(ADDRESS);
            int err = (int) Native.UC_OPEN.invokeExact(arch, mode, out);
            if (err != UC_ERR_OK) {
                arena.close();
                throw failure(err, "uc_open arch %d mode 0x%x", arch, mode);
            }
            engine = out.get(ADDRESS, 0);
        } catch (UnicornException e) {
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new UnicornException("uc_open arch %d mode 0x%x: %s".formatted(arch, mode, t), t);
        }
    }

    /** {@code uc_version}: {@code major << 24 | minor << 16 | patch << 8 | extra}, 0x020001ff for Debian's 2.0.1. */
    public static int version() {
        Native.require();
        try {
            return (int) Native.UC_VERSION.invokeExact(MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw unexpected("uc_version", t);
        }
    }

    /** {@code uc_strerror}: Unicorn's text for an error code, ending with the error's name. */
    public static String strerror(int ucErr) {
        Native.require();
        try {
            MemorySegment text = (MemorySegment) Native.UC_STRERROR.invokeExact(ucErr);
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw unexpected("uc_strerror", t);
        }
    }

    /** Selects the CPU model ({@code uc_ctl_set_cpu_model}); only valid before the first other call. */
    public void setCpuModel(int model) {
        // UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1) = type 7 | 1 argument << 26 | write << 30
        int control = 7 | (1 << 26) | (1 << 30);
        check(invokeInt(() -> (int) Native.UC_CTL_INT.invokeExact(handle(), control, model)),
                "uc_ctl set cpu model %d", model);
    }

    /**
     * Drops translated code for {@code [address, end)} ({@code uc_ctl_remove_cache}). Unicorn 2.0.1 keeps
     * executing stale translations after {@link #memWrite} over code that already ran.
     */
    public void removeCache(long address, long end) {
        // UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2) = type 9 | 2 arguments << 26 | write << 30
        int control = 9 | (2 << 26) | (1 << 30);
        check(invokeInt(() -> (int) Native.UC_CTL_LONG_LONG.invokeExact(handle(), control, address, end)),
                "uc_ctl remove cache 0x%x..0x%x", address, end);
    }

    /** {@code uc_mem_map}: maps {@code size} bytes (page multiples) at {@code address}, zero-filled. */
    public void memMap(long address, long size, int perms) {
        int err = invokeInt(() -> (int) Native.UC_MEM_MAP.invokeExact(handle(), address, size, perms));
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_mem_map 0x%x+0x%x", address, size);
        }
    }

    /** {@code uc_mem_write}. */
    public void memWrite(long address, byte[] data) {
        MemorySegment bytes = MemorySegment.ofArray(data);
        int err = invokeInt(() -> (int) Native.UC_MEM_WRITE.invokeExact(handle(), address, bytes, (long) data.length));
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_mem_write 0x%x+0x%x", address, data.length);
        }
    }

    /** {@code uc_mem_read}. */
    public byte[] memRead(long address, int length) {
        byte[] data = new byte[length];
        MemorySegment bytes = MemorySegment.ofArray(data);
        int err = invokeInt(() -> (int) Native.UC_MEM_READ.invokeExact(handle(), address, bytes, (long) length));
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_mem_read 0x%x+0x%x", address, length);
        }
        return data;
    }

    /** {@code uc_reg_read} of a register Unicorn stores as 32 bits (RV32 x, pc, CSRs). */
    public int regReadInt(int regId) {
        readRegister(regId);
        return scratch.get(JAVA_INT, 0);
    }

    /** {@code uc_reg_read} of a 64-bit register (RISC-V f registers). */
    public long regReadLong(int regId) {
        readRegister(regId);
        return scratch.get(JAVA_LONG, 0);
    }

    /** {@code uc_reg_write} of a 32-bit register. */
    public void regWriteInt(int regId, int value) {
        handle();
        scratch.set(JAVA_INT, 0, value);
        writeRegister(regId);
    }

    /** {@code uc_reg_write} of a 64-bit register. */
    public void regWriteLong(int regId, long value) {
        handle();
        scratch.set(JAVA_LONG, 0, value);
        writeRegister(regId);
    }

    /**
     * {@code uc_reg_read_batch}: reads {@code count} registers whose ids are in {@code regIds} (int array)
     * into the buffers that {@code valuePointers} (pointer array) points to. One C call for many registers.
     */
    public void regReadBatch(MemorySegment regIds, MemorySegment valuePointers, int count) {
        MemorySegment uc = handle();
        int err;
        try {
            err = (int) Native.UC_REG_READ_BATCH.invokeExact(uc, regIds, valuePointers, count);
        } catch (Throwable t) {
            throw unexpected("uc_reg_read_batch", t);
        }
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_reg_read_batch %d registers", count);
        }
    }

    /**
     * {@code uc_emu_start}: runs from {@code begin} until pc reaches {@code until}, {@code timeoutMicros}
     * passes (0: none) or {@code count} instructions ran (0: no limit). Returns the {@code uc_err}, which
     * here reports how execution ended ({@link #UC_ERR_READ_UNMAPPED}, {@link #UC_ERR_EXCEPTION}, ...).
     * Going from a non-zero {@code count} back to 0 makes Unicorn flush all translated code, which takes
     * seconds: keep {@code count} non-zero.
     *
     * @throws UnicornException if a hook threw (the hook's exception is the cause)
     */
    public int emuStart(long begin, long until, long timeoutMicros, long count) {
        MemorySegment uc = handle();
        int err;
        try {
            err = (int) Native.UC_EMU_START.invokeExact(uc, begin, until, timeoutMicros, count);
        } catch (Throwable t) {
            throw unexpected("uc_emu_start", t);
        }
        if (hookFailure != null) {
            Throwable failure = hookFailure;
            hookFailure = null;
            throw new UnicornException("uc_emu_start 0x%x: hook failed: %s".formatted(begin, failure), failure);
        }
        return err;
    }

    /** {@code uc_emu_stop}: ends the current {@link #emuStart} (callable from a hook). */
    public void emuStop() {
        check(invokeInt(() -> (int) Native.UC_EMU_STOP.invokeExact(handle())), "uc_emu_stop");
    }

    /** {@code uc_errno}: the engine's last error. */
    public int errno() {
        return invokeInt(() -> (int) Native.UC_ERRNO.invokeExact(handle()));
    }

    /** Adds a {@code UC_HOOK_MEM_WRITE} hook for writes in {@code [begin, end]}; returns the hook handle. */
    public long hookMemoryWrite(MemoryWriteHook hook, long begin, long end) {
        MethodHandle target = bind("memoryWriteUpcall", hook, MemoryWriteHook.class,
                MethodType.methodType(void.class, MemorySegment.class, int.class, long.class, int.class, long.class,
                        MemorySegment.class));
        FunctionDescriptor cb = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS);
        return hookAdd(UC_HOOK_MEM_WRITE, target, cb, begin, end);
    }

    /** Adds a {@code UC_HOOK_INTR} hook; returns the hook handle. */
    public long hookInterrupt(InterruptHook hook) {
        MethodHandle target = bind("interruptUpcall", hook, InterruptHook.class,
                MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class));
        FunctionDescriptor cb = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS);
        return hookAdd(UC_HOOK_INTR, target, cb, 1, 0);
    }

    /** Adds a hook for reads, writes and fetches of unmapped memory; returns the hook handle. */
    public long hookUnmapped(UnmappedHook hook) {
        MethodHandle target = bind("unmappedUpcall", hook, UnmappedHook.class,
                MethodType.methodType(boolean.class, MemorySegment.class, int.class, long.class, int.class, long.class,
                        MemorySegment.class));
        FunctionDescriptor cb = FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG,
                ADDRESS);
        return hookAdd(UC_HOOK_MEM_UNMAPPED, target, cb, 1, 0);
    }

    /** {@code uc_hook_del}. The hook's upcall stub stays allocated until {@link #close}. */
    public void hookDelete(long hookHandle) {
        check(invokeInt(() -> (int) Native.UC_HOOK_DEL.invokeExact(handle(), hookHandle)), "uc_hook_del %d",
                hookHandle);
    }

    /** {@code uc_close}, then frees the upcall stubs and scratch memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int err = invokeInt(() -> (int) Native.UC_CLOSE.invokeExact(engine));
            check(err, "uc_close");
        } finally {
            arena.close();
        }
    }

    /** The message used when libunicorn cannot be loaded. */
    static String libraryNotFoundMessage(String soname) {
        return soname + " not found: apt-get install libunicorn2";
    }

    /**
     * Looks a library up by {@code soname} through the dynamic loader, then at {@code fallback}; fails with
     * {@link #libraryNotFoundMessage}.
     */
    static SymbolLookup loadLibrary(String soname, Path fallback) {
        try {
            return SymbolLookup.libraryLookup(soname, Arena.global());
        } catch (IllegalArgumentException notOnSearchPath) {
            try {
                return SymbolLookup.libraryLookup(fallback, Arena.global());
            } catch (IllegalArgumentException notAtFallback) {
                throw new UnicornException(libraryNotFoundMessage(soname), notAtFallback);
            }
        }
    }

    // ---- upcall targets: must never throw into native code (that would end the JVM) ----

    @SuppressWarnings("unused") // reached through a method handle
    private void memoryWriteUpcall(MemoryWriteHook hook, MemorySegment uc, int type, long address, int size,
                                   long value, MemorySegment userData) {
        try {
            hook.onWrite(address, size, value);
        } catch (Throwable t) {
            hookFailed(t);
        }
    }

    @SuppressWarnings("unused")
    private void interruptUpcall(InterruptHook hook, MemorySegment uc, int intno, MemorySegment userData) {
        try {
            hook.onInterrupt(intno);
        } catch (Throwable t) {
            hookFailed(t);
        }
    }

    @SuppressWarnings("unused")
    private boolean unmappedUpcall(UnmappedHook hook, MemorySegment uc, int type, long address, int size, long value,
                                   MemorySegment userData) {
        try {
            return hook.onUnmapped(type, address, size, value);
        } catch (Throwable t) {
            hookFailed(t);
            return false;
        }
    }

    private void hookFailed(Throwable t) {
        if (hookFailure == null) {
            hookFailure = t;
        }
        try {
            int ignored = (int) Native.UC_EMU_STOP.invokeExact(engine);
        } catch (Throwable stopFailed) {
            hookFailure.addSuppressed(stopFailed);
        }
    }

    private MethodHandle bind(String method, Object hook, Class<?> hookType, MethodType cType) {
        try {
            MethodHandle upcall = MethodHandles.lookup().findVirtual(Unicorn.class, method,
                    cType.insertParameterTypes(0, hookType));
            return MethodHandles.insertArguments(upcall, 0, this, hook);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("upcall target " + method, e);
        }
    }

    private long hookAdd(int type, MethodHandle target, FunctionDescriptor callback, long begin, long end) {
        MemorySegment stub = Linker.nativeLinker().upcallStub(target, callback, arena);
        MemorySegment out = arena.allocate(JAVA_LONG);
        int err = invokeInt(() -> (int) Native.UC_HOOK_ADD.invokeExact(handle(), out, type, stub, MemorySegment.NULL,
                begin, end));
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_hook_add type 0x%x [0x%x, 0x%x]", type, begin, end);
        }
        return out.get(JAVA_LONG, 0);
    }

    private void readRegister(int regId) {
        MemorySegment uc = handle();
        scratch.set(JAVA_LONG, 0, 0);
        int err;
        try {
            err = (int) Native.UC_REG_READ.invokeExact(uc, regId, scratch);
        } catch (Throwable t) {
            throw unexpected("uc_reg_read", t);
        }
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_reg_read register %d", regId);
        }
    }

    private void writeRegister(int regId) {
        MemorySegment uc = handle();
        int err;
        try {
            err = (int) Native.UC_REG_WRITE.invokeExact(uc, regId, scratch);
        } catch (Throwable t) {
            throw unexpected("uc_reg_write", t);
        }
        if (err != UC_ERR_OK) {
            throw failure(err, "uc_reg_write register %d", regId);
        }
    }

    private MemorySegment handle() {
        if (closed) {
            throw new UnicornException("Unicorn engine used after close()");
        }
        return engine;
    }

    private void check(int err, String format, Object... args) {
        if (err != UC_ERR_OK) {
            throw failure(err, format, args);
        }
    }

    private static UnicornException failure(int err, String format, Object... args) {
        return new UnicornException(format.formatted(args) + ": " + strerror(err), err);
    }

    private static UnicornException unexpected(String call, Throwable t) {
        return new UnicornException(call + ": " + t, t);
    }

    /** A native call returning {@code uc_err}; lets {@link #invokeInt} keep the Throwable plumbing in one place. */
    @FunctionalInterface
    private interface IntCall {
        int call() throws Throwable;
    }

    private static int invokeInt(IntCall call) {
        try {
            return call.call();
        } catch (UnicornException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("native call", t);
        }
    }

    /** Downcall handles, resolved once; a missing library is remembered and reported on use. */
    private static final class Native {
        static final UnicornException LOAD_FAILURE;
        /** First problem met while loading; every handle after it stays null. */
        private static UnicornException loadFailure;
        static final MethodHandle UC_VERSION, UC_OPEN, UC_CLOSE, UC_CTL_INT, UC_CTL_LONG_LONG, UC_MEM_MAP, UC_MEM_WRITE, UC_MEM_READ,
                UC_REG_READ, UC_REG_WRITE, UC_REG_READ_BATCH, UC_EMU_START, UC_EMU_STOP, UC_ERRNO, UC_STRERROR,
                UC_HOOK_ADD, UC_HOOK_DEL;

        static {
            SymbolLookup lib = null;
            try {
                lib = loadLibrary(SONAME, DEBIAN_PATH);
            } catch (UnicornException e) {
                loadFailure = e;
            }
            // Calls that never call back into Java may be "critical" (no thread-state switch, heap arrays
            // passed directly): register and memory access. uc_emu_start runs hooks, so it may not.
            Linker.Option critical = Linker.Option.critical(true);
            UC_VERSION = downcall(lib, "uc_version", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            UC_OPEN = downcall(lib, "uc_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
            UC_CLOSE = downcall(lib, "uc_close", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            // uc_err uc_ctl(uc_engine *uc, uc_control_type control, ...) called with one int argument
            UC_CTL_INT = downcall(lib, "uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                    Linker.Option.firstVariadicArg(2));
            UC_CTL_LONG_LONG = downcall(lib, "uc_ctl",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG),
                    Linker.Option.firstVariadicArg(2));
            UC_MEM_MAP = downcall(lib, "uc_mem_map",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT));
            UC_MEM_WRITE = downcall(lib, "uc_mem_write",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), critical);
            UC_MEM_READ = downcall(lib, "uc_mem_read",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), critical);
            UC_REG_READ = downcall(lib, "uc_reg_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                    critical);
            UC_REG_WRITE = downcall(lib, "uc_reg_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                    critical);
            UC_REG_READ_BATCH = downcall(lib, "uc_reg_read_batch",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
            UC_EMU_START = downcall(lib, "uc_emu_start",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
            UC_EMU_STOP = downcall(lib, "uc_emu_stop", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            UC_ERRNO = downcall(lib, "uc_errno", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            UC_STRERROR = downcall(lib, "uc_strerror",
                    FunctionDescriptor.of(ADDRESS, JAVA_INT));
            // uc_hook_add(uc, uc_hook *hh, int type, void *callback, void *user_data, uint64_t begin,
            //             uint64_t end, ...): no variadic arguments for the hook types used here.
            UC_HOOK_ADD = downcall(lib, "uc_hook_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                    ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(7));
            UC_HOOK_DEL = downcall(lib, "uc_hook_del", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
            LOAD_FAILURE = loadFailure;
        }

        static void require() {
            if (LOAD_FAILURE != null) {
                throw new UnicornException(LOAD_FAILURE.getMessage(), LOAD_FAILURE.getCause());
            }
        }

        private static MethodHandle downcall(SymbolLookup lib, String name, FunctionDescriptor fd,
                                             Linker.Option... options) {
            if (loadFailure != null) {
                return null;
            }
            var symbol = lib.find(name);
            if (symbol.isEmpty()) {
                loadFailure = new UnicornException(SONAME + " has no symbol " + name + ": expected Unicorn 2");
                return null;
            }
            return Linker.nativeLinker().downcallHandle(symbol.get(), fd, options);
        }
    }
}
