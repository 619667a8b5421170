package org.coredev.emu.device;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coredev.dds.DdsException;
import org.coredev.dds.DdsModels;
import org.coredev.dds.TtlTap;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.or1k.Or1kCpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.coredev.emu.device.i2c.BoardI2c;
import org.coredev.emu.device.spi.SdCard;
import org.coredev.emu.device.spi.SdCards;
import org.coredev.emu.device.ksupport.Ksupport;
import org.coredev.emu.device.ksupport.RuntimeHeap;
import org.coredev.emu.runtime.eh.EhException;
import org.coredev.emu.runtime.lib.CompilerRt;
import org.coredev.emu.runtime.lib.Libc;
import org.coredev.emu.runtime.lib.Libm;
import org.coredev.emu.runtime.eh.EhExports;
import org.coredev.emu.runtime.eh.ExceptionNames;
import org.coredev.emu.runtime.eh.Artiq6ExceptionRaiser;
import org.coredev.emu.runtime.eh.ExceptionRaiser;
import org.coredev.emu.runtime.eh.ExceptionRuntime;
import org.coredev.emu.runtime.eh.KernelRaise;
import org.coredev.emu.runtime.eh.UnwindTables;
import org.coredev.emu.runtime.rpc.AttributeWriteback;
import org.coredev.emu.runtime.rpc.Host;
import org.coredev.emu.runtime.rpc.RpcReply;
import org.coredev.emu.runtime.eh.ArtiqException;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.coredev.emu.runtime.rpc.Rpc;
import org.coredev.emu.runtime.rpc.RpcException;
import org.coredev.loader.BundleLayout;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.ValueType;
import org.coredev.loader.Linker;
import org.coredev.loader.LoaderException;
import org.coredev.loader.Target;
import org.coredev.loader.TargetMemory;
import org.coredev.rtio.Channel;
import org.coredev.rtio.KernelInitiator;
import org.coredev.rtio.Phy;
import org.coredev.rtio.RtioConfig;
import org.coredev.rtio.RtioCore;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.EdgeCounter;
import org.coredev.rtio.phy.TtlClockGen;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;

/**
 * An emulated ARTIQ core device: the kernel CPU with the board's memory map, the RTIO core with a
 * channel per device of the database, and the runtime's exports in Java. Kernels run on simulated
 * time; the RTIO counter is the CPU's cycle count times 8 mu and never goes back between runs.
 *
 * <p>The kernel CPU is the device database's target: a VexRiscv core (rv32g, rv32ima) or, for
 * ARTIQ 6 and older boards, a big-endian mor1kx (or1k), each with its board's memory map
 * ({@link BoardMemoryMap}). On RISC-V (artiq/firmware/ksupport/ksupport.ld): ksupport's region at
 * 0x45000000 holds the runtime entry points (the first 0x60000 bytes) and the kernels from
 * 0x45060000; the kernel stack grows down from the end of main RAM (0x60000000 on a 512 MiB
 * board); the RTIO CSR bank is at the start of CSR space, 0x60000000 (misoc's memory map).
 *
 * <p>On OR1K the exception runtime is ARTIQ 6's ({@link Artiq6ExceptionRaiser}): exceptions named
 * by strings, a two-phase search, {@code __artiq_reraise}; on RISC-V it is today's
 * ({@link ExceptionRaiser}).
 */
public final class CoreDevice {
    /** RISC-V boards' ksupport region, end of main RAM and CSR bank ({@link BoardMemoryMap} has every target's). */
    public static final int KSUPPORT_BASE = Runtime.ENTRY_BASE;
    public static final int MAIN_RAM_END = BoardMemoryMap.MAIN_RAM_END;
    public static final int CSR_BASE = 0x6000_0000;
    /** 125 MHz CPU and RTIO clock, 1 ns machine unit. */
    public static final int MU_PER_CYCLE = 8;

    private final DeviceConfig config;
    private final BoardMemoryMap map;
    private final Bus bus = new Bus();
    private final Cpu cpu;
    /** The same core when it is a RISC-V one (its tier and FP registers); null on OR1K. */
    private final Rv32Cpu rv32;
    private final RtioCore rtio;
    private final KernelInitiator csr;
    private final DdsModels dds;
    private final List<SdCard> sdCards;
    private int ddsIssuesSeen, asyncErrorsSeen;
    private final Runtime runtime;
    private final Linker linker;
    /** The last byte of the kernel images' RAM (ksupport's region). */
    private final int kernelMemoryEnd;
    private final List<LogLine> log = new ArrayList<>();
    private final List<LoadedImage> images = new ArrayList<>();
    private final List<ResidentBundle> bundles = new ArrayList<>();
    private final List<ResidentKernel> residentKernels = new ArrayList<>();
    /** The image whose code runs now (DMA recording re-points its imports). */
    private LoadedImage running;
    private final int returnAddress;
    private final Rpc rpc;
    private final UnwindTables unwindTables;
    private final ExceptionRuntime raiser;
    private final Ksupport ksupport;
    /** Default host: print() output and every other RPC go to the device log with their time. */
    private Host host = new PrintingHost(LogStream.of(line -> log.add(new LogLine(nowMu(), "print: " + line))),
            LogStream.of(line -> log.add(new LogLine(nowMu(), line))), java.util.Map.of());
    private java.util.Map<Integer, String> exceptionNames = java.util.Map.of();
    private long maxCycles = 10_000_000_000L;
    private long maxWallNanos = 120_000_000_000L;
    private History history = History.LAST_RUN;

    /** What a device reused for many kernels keeps of the runs before the last one. */
    public enum History {
        /**
         * Each run starts by discarding the RTIO events and pin-level signal changes of earlier
         * runs, so a device reused for thousands of kernels stays the same size;
         * {@link KernelRun#events()} of an earlier run then says its events are gone.
         */
        LAST_RUN,
        /** Everything is kept: one VCD file or event list over a whole session of kernels. */
        ALL
    }

    public CoreDevice(DeviceConfig config, int kernelMemoryBytes, int stackBytes) throws EmulatorException {
        this.config = config;
        map = BoardMemoryMap.of(config.target());
        Ram kernelRam = bus.addRam("ksupport", map.ksupportBase(), kernelMemoryBytes);
        Ram stack = bus.addRam("stack", map.mainRamEnd() - stackBytes, stackBytes);
        if (config.target() == Target.OR1K) {
            Or1kCpu or1k = new Or1kCpu(bus, kernelRam);
            or1k.setHostTraps(true);       // no firmware exception vectors: a trap ends the kernel
            or1k.setTrapRange(map.ksupportBase(), Runtime.ENTRY_SIZE);
            cpu = or1k;
            rv32 = null;
        } else {
            rv32 = new Rv32Cpu(config.rv32Variant(), bus, kernelRam);
            rv32.setSecondaryRam(stack);
            rv32.setTrapRange(map.ksupportBase(), Runtime.ENTRY_SIZE);
            cpu = rv32;
        }

        try {
            List<Channel> channelList = channels(config);
            rtio = new RtioCore(RtioConfig.kasli().withSignalTrace(true), channelList);
            dds = DdsModels.fromDeviceDb(config.rawDb(), name -> channelList.stream()
                    .filter(c -> c.name().equals(name)).findFirst().orElse(null));
            sdCards = SdCards.insert(config.source(), config.rawDb(), channelList);
        } catch (DdsException e) {
            throw new EmulatorException(config.source() + ": " + e.getMessage(), e);
        }
        for (DeviceConfig.Loopback l : config.loopbacks())
            rtio.connect(config.channel(l.from()).channel(), config.channel(l.to()).channel(), l.delayMu());
        int stride = map.csrStride();
        csr = new KernelInitiator(rtio, stride);
        bus.addDevice("rtio", map.csrBase(), new RtioCsrDevice(csr, this::nowMu));

        runtime = new Runtime(Abi.of(config.target()), new GuestMemory(bus, map.byteOrder()), map.ksupportBase());
        // ksupport exports `now` as the address of the CSR pair the kernel stores the timeline cursor
        // to, high word first (on OR1K a big-endian 64-bit store puts it there as well).
        runtime.defineData("now", map.csrBase() + KernelInitiator.NOW_HI * stride);
        new RtioRuntime(rtio, csr, cpu, MU_PER_CYCLE, this::raise, log::add).register(runtime);
        rpc = Rpc.register(runtime, call -> host.call(call));
        unwindTables = new UnwindTables(runtime.memory());
        // OR1K boards run ARTIQ 6 firmware: its exception scheme (names, two phases, __artiq_reraise).
        raiser = config.target() == Target.OR1K
                ? new Artiq6ExceptionRaiser(runtime.memory(), unwindTables, map.exceptionScratch(), Abi.OR1K)
                : new ExceptionRaiser(runtime.memory(), unwindTables, map.exceptionScratch(), Abi.of(config.target()));
        raiser.registerExports(runtime);
        CompilerRt.register(runtime);
        Libc.register(runtime);
        Libm.register(runtime);
        // core_log, the core cache, DMA, the non-realtime buses, subkernels; DMA recording
        // re-points the running kernel's rtio_output imports, as ksupport does.
        ksupport = Ksupport.register(runtime, RuntimeHeap.map(bus), cpu, MU_PER_CYCLE, rtio, this::raise,
                log::add, (symbol, address) -> running.rebind(symbol, address),
                BoardI2c.fromDeviceDb(config.source(), config.rawDb()));
        runtime.register(RuntimeExport.of("__coredev_kernel_return", "v()", 1, a -> 0));
        if (cpu instanceof Or1kCpu or1k) {
            // ARTIQ 6's ksupport: SPR access for kernels, and only that firmware's exports.
            runtime.register(RuntimeExport.of("mfspr", "i(i)", 4, a -> or1k.mfspr(a.i(0))));
            runtime.register(RuntimeExport.of("mtspr", "v(ii)", 4, a -> {
                or1k.mtspr(a.i(0), a.i(1));
                return 0;
            }));
            runtime.withdrawAllBut(name -> Artiq6Api.EXPORTS.contains(name) || name.startsWith("__coredev_"));
        }
        returnAddress = runtime.resolve("__coredev_kernel_return").orElseThrow();

        kernelMemoryEnd = map.ksupportBase() + kernelMemoryBytes - 1;
        linker = new Linker(config.target(), new KernelMemory(), runtime, map.payloadBase(), kernelMemoryEnd);
    }

    /**
     * 64 MiB for the kernel images and 32 MiB of kernel stack. On the board the stack may grow
     * over most of main RAM; 32 MiB holds what ARTIQ's own tests put there (1 MiB RPC return
     * values received into the stack, test_performance.py).
     */
    public CoreDevice(DeviceConfig config) throws EmulatorException {
        this(config, 64 << 20, DEFAULT_STACK_BYTES);
    }

    public static final int DEFAULT_STACK_BYTES = 32 << 20;

    private static List<Channel> channels(DeviceConfig config) {
        List<Channel> out = new ArrayList<>();
        // The DDS model listens to the IO_UPDATE and RF switch TTLs through taps.
        java.util.Set<String> tapped = DdsModels.tappedDevices(config.rawDb());
        for (DeviceConfig.ChannelSpec c : config.channels()) {
            Phy phy = switch (c.kind()) {
                case TTL_OUT -> tapped.contains(c.name()) ? new TtlTap(new TtlOut()) : new TtlOut();
                case TTL_INOUT -> new TtlInOut();
                case TTL_CLOCKGEN -> new TtlClockGen();
                case SPI_MASTER -> new SpiMaster();
                case EDGE_COUNTER -> new EdgeCounter(gatewareWidth(config, c.name()));
            };
            out.add(Channel.of(c.channel(), c.name(), phy));
        }
        return out;
    }

    /** An EdgeCounter's gateware_width argument (edge_counter.py: 31 by default). */
    private static int gatewareWidth(DeviceConfig config, String device) {
        if (config.rawDb().get(device) instanceof java.util.Map<?, ?> entry && entry.get("arguments") instanceof java.util.Map<?, ?> args
                && args.get("gateware_width") instanceof Number n) return n.intValue();
        return 31;
    }

    public DeviceConfig config() { return config; }
    /** The kernel CPU. */
    public Cpu cpu() { return cpu; }

    /** The kernel CPU as the RISC-V core it is (its tier, its FP registers). */
    public Rv32Cpu rv32() {
        if (rv32 == null) throw new IllegalStateException("this core device's kernel CPU is an OR1K core, not RISC-V");
        return rv32;
    }

    /** Where this board's kernel CPU finds its memory and devices. */
    public BoardMemoryMap memoryMap() { return map; }

    /** The last byte kernel images may occupy: the end of this device's ksupport region. */
    public int kernelMemoryEnd() { return kernelMemoryEnd; }
    public RtioCore rtio() { return rtio; }
    /** The Urukul / AD9910 / AD9912 models of the database's DDS devices (none if it has no Urukul). */
    public DdsModels dds() { return dds; }
    /** The SD cards in SPI masters' slots (the db's coredev entry, "sd_card"). */
    public List<SdCard> sdCards() { return sdCards; }
    public Runtime runtime() { return runtime; }
    public List<LogLine> log() { return List.copyOf(log); }

    /** Whether earlier runs' events and signal changes are kept ({@link History#LAST_RUN} by default). */
    public void setHistory(History history) { this.history = java.util.Objects.requireNonNull(history); }
    public History history() { return history; }

    /**
     * Discards the RTIO events numbered below {@code firstKept} and every pin-level signal change
     * recorded so far: a long-lived owner's bound (the server keeps what the analyzer can dump).
     */
    public void discardHistory(int firstKept) {
        rtio.eventLog().discardBefore(firstKept);
        if (rtio.signalTrace() != null) rtio.signalTrace().clearChanges();
    }
    /** core_log, the core cache, DMA. */
    public Ksupport ksupport() { return ksupport; }

    /** Simulated time: the RTIO counter follows the CPU's cycles. */
    public long nowMu() { return cpu.cycles() * MU_PER_CYCLE; }

    /**
     * Lets {@code mu} of simulated time pass with the kernel CPU idle (between kernels: the host
     * talking to the board). Pending RTIO events play out on the way.
     */
    public void idle(long mu) {
        if (mu < 0) throw new IllegalArgumentException("idle time must not be negative: " + mu);
        catchUpWithRtio();
        cpu.addCycles((mu + MU_PER_CYCLE - 1) / MU_PER_CYCLE);
        rtio.advanceTo(nowMu());
    }

    /**
     * A kernel's end drains the RTIO core: its pending outputs play out, which takes the device
     * past the kernel's last instruction. The board's counter runs on meanwhile, so the next
     * thing the device does (another kernel, idle time) starts no earlier than that: the counter
     * never falls behind the time the model has reached, and a later kernel's reset finds no
     * event of an earlier kernel still pending.
     */
    private void catchUpWithRtio() {
        // (compared, not subtracted: a model never advanced is at Long.MIN_VALUE)
        long reached = rtio.reachedMu(), now = nowMu();
        if (reached > now) cpu.addCycles((reached - now + MU_PER_CYCLE - 1) / MU_PER_CYCLE);
    }

    /**
     * Names of the kernel's own exception classes by id (the compiler numbers them after the
     * built-in ones and records them in the image), for reports of uncaught exceptions.
     */
    public CoreDevice withExceptionNames(java.util.Map<Integer, String> names) {
        this.exceptionNames = java.util.Map.copyOf(names);
        return this;
    }

    /** Who answers the kernel's RPCs (default: a host that prints print() calls and logs the rest). */
    public CoreDevice withHost(Host host) {
        this.host = host;
        return this;
    }

    public CoreDevice withMaxCycles(long cycles) {
        this.maxCycles = cycles;
        return this;
    }

    /** Wall-time guard against a host that cannot keep up; never affects results, only whether a run is cut. */
    public CoreDevice withMaxWallSeconds(double seconds) {
        this.maxWallNanos = (long) (seconds * 1e9);
        return this;
    }

    /** Loads a kernel image, runs {@code __modinit__} to its end, and returns what happened. */
    public KernelRun run(String fileName, byte[] elf) throws EmulatorException {
        LoadedImage image;
        try {
            image = linker.load(fileName, elf);
        } catch (LoaderException e) {
            throw new EmulatorException(e.getMessage(), e);
        }
        place(image);
        return execute(image, modinit(image), null, null, null);
    }

    /** Records a newly placed image; a transient kernel it overlaps (it starts where that one did) is gone. */
    private void place(LoadedImage image) {
        images.removeIf(i -> {
            if (i.base() != image.base()) return false;
            unwindTables.remove(i);
            return true;
        });
        images.add(image);
        unwindTables.add(image);
    }

    private static int modinit(LoadedImage image) throws EmulatorException {
        try {
            return image.modinit();
        } catch (LoaderException e) {
            throw new EmulatorException(e.getMessage(), e);
        }
    }

    /**
     * Loads a bundle (an image with a layout manifest, from the compiler's {@code compileBundle})
     * for good: it is placed after the bundles already resident, its {@code __modinit__} runs once
     * (initialising the host values it embedded), and from then on its kernels are called with
     * {@link #call} without any upload or relinking. Code once loaded is never unloaded.
     */
    public ResidentBundle loadBundle(String fileName, byte[] elf) throws EmulatorException {
        BundleLayout layout;
        org.coredev.loader.Bundle bundle;
        try {
            layout = BundleLayout.of(fileName, elf).orElseThrow(() -> new EmulatorException(
                    fileName + ": not a bundle: the image has no " + BundleLayout.SECTION + " layout manifest"));
            for (ResidentBundle b : bundles)
                if (b.name().equals(layout.name()))
                    throw new EmulatorException("%s: a bundle named '%s' is already resident".formatted(fileName, layout.name()));
            bundle = linker.loadResident(fileName, elf);
        } catch (LoaderException e) {
            throw new EmulatorException(e.getMessage(), e);
        }
        place(bundle.image());
        KernelRun load = execute(bundle.image(), modinit(bundle.image()), null, null, layout.name());
        ResidentBundle resident = new ResidentBundle(bundle, layout, load);
        bundles.add(resident);
        return resident;
    }

    /**
     * Keeps a kernel image loaded for good, as it came (ARTIQ's compiler's output: no layout
     * manifest), after the images already resident; nothing runs yet. A library with the same
     * bytes as a resident one is not placed again: that one is {@linkplain #resetResident reset}
     * and returned. Each {@link #runResident} call then runs its {@code __modinit__} with no upload
     * and no relinking.
     */
    public ResidentKernel keepResident(String fileName, byte[] elf) throws EmulatorException {
        byte[] digest = digest(elf);
        Optional<ResidentKernel> known = resident(digest);
        if (known.isPresent()) {
            resetResident(known.get());
            return known.get();
        }
        org.coredev.loader.Bundle placed;
        try {
            placed = linker.loadResident(fileName, elf);
            placed.image().modinit();   // an image without __modinit__ is refused now, not at its first call
        } catch (LoaderException e) {
            throw new EmulatorException(e.getMessage(), e);
        }
        LoadedImage image = placed.image();
        place(image);
        ResidentKernel kept = new ResidentKernel(fileName, digest, image,
                runtime.memory().read(image.base(), image.end() - image.base()));
        residentKernels.add(kept);
        return kept;
    }

    /** The kernels kept resident for served hosts, in load order. */
    public List<ResidentKernel> residentKernels() { return List.copyOf(residentKernels); }

    /** The resident kernel whose file has this SHA-256, if any. */
    public Optional<ResidentKernel> resident(byte[] digest) {
        return residentKernels.stream().filter(k -> Arrays.equals(k.digest(), digest)).findFirst();
    }

    /** Puts a resident kernel's memory back as it was loaded: its data as its file initialises it. */
    public void resetResident(ResidentKernel kernel) {
        runtime.memory().write(kernel.image().base(), kernel.asLoaded());
        cpu.invalidateDecoded(kernel.image().base(), kernel.asLoaded().length);
    }

    /** Runs a resident kernel's {@code __modinit__} again, on the data its earlier runs left, then attribute writeback. */
    public KernelRun runResident(ResidentKernel kernel) throws EmulatorException {
        if (!residentKernels.contains(kernel)) throw new EmulatorException("kernel %s is not resident on this device".formatted(kernel.id()));
        return execute(kernel.image(), modinit(kernel.image()), null, null, kernel.fileName());
    }

    /** The image of the kernel that ran last (or runs now). */
    public Optional<LoadedImage> lastImage() { return Optional.ofNullable(running); }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The bundles resident on this device, in load order. */
    public List<ResidentBundle> bundles() { return List.copyOf(bundles); }

    /**
     * Calls kernel {@code kernel} (its name, {@code Scan.pulse}, or the method's, {@code pulse}) of
     * a resident bundle with the host's arguments (Integer/Long, Double, Boolean, String, List,
     * tuples as List or Object[], checked against the entry's parameter types), then the bundle
     * writes back the attributes its kernels assign. No upload, no relinking: the run's
     * {@link KernelRun#residentBundle} names the bundle and {@link KernelRun#value} is what the kernel returned.
     */
    public KernelRun call(ResidentBundle bundle, String kernel, Object... args) throws EmulatorException {
        if (!bundles.contains(bundle)) throw new EmulatorException("bundle '%s' is not resident on this device".formatted(bundle.name()));
        BundleLayout.Entry entry = bundle.layout().entry(kernel).orElseThrow(() -> new EmulatorException(
                "bundle '%s' has no kernel '%s' (it has %s)".formatted(bundle.name(), kernel, String.join(", ", bundle.kernels()))));
        int address = bundle.image().symbol(entry.symbol()).orElseThrow(() -> new EmulatorException(
                "bundle '%s': entry point %s is not exported".formatted(bundle.name(), entry.symbol())));
        EntryArguments laid;
        try {
            laid = EntryArguments.lay(entry.kernel() + "()", entry.params(), java.util.Arrays.asList(args), runtime.memory(), map.stackTop());
        } catch (GuestFault f) {
            throw new EmulatorException("arguments of %s do not fit in the kernel stack: %s".formatted(entry.kernel(), f.getMessage()), f);
        }
        return execute(bundle.image().image(), address, laid, entry, bundle.name());
    }

    /**
     * Runs {@code entry} of an image already placed: with the host's arguments for a bundle's entry
     * point, else as {@code __modinit__}; then writeback, drain, DDS and log bookkeeping.
     */
    private KernelRun execute(LoadedImage image, int entry, EntryArguments args, BundleLayout.Entry signature, String bundle)
            throws EmulatorException {
        running = image;
        catchUpWithRtio();
        if (history == History.LAST_RUN) discardHistory(rtio.eventLog().size());
        int eventsBefore = rtio.eventLog().size(), logBefore = log.size(), coreLogBefore = rtio.coreLog().size();
        long startMu = nowMu();
        rpc.reset();
        raiser.reset();
        ksupport.startKernel();
        int sp = map.stackTop();
        if (args != null) {
            org.coredev.emu.runtime.Signature sig = args.signature();
            sp = args.stackPointer() - runtime.abi().stackBytes(sig);
            cpu.setX(runtime.abi().sp(), sp);
            runtime.abi().pass(cpu, runtime.memory(), sig, args.values());
        }
        KernelOutcome outcome = call(entry, sp);
        Object value = null;
        if (outcome instanceof KernelOutcome.Finished && signature != null) value = returned(signature.returns());
        if (outcome instanceof KernelOutcome.Finished) outcome = attributeWriteback(image);
        rtio.drain();
        int ddsIssuesBefore = ddsIssuesSeen;
        dds.finish(rtio.reachedMu());
        List<org.coredev.dds.DdsIssue> issues = dds.issues().all();
        for (org.coredev.dds.DdsIssue i : issues.subList(ddsIssuesBefore, issues.size()))
            log.add(new LogLine(i.timestampMu(), i.toString()));
        ddsIssuesSeen = issues.size();
        // The runtime's core log: async RTIO errors at their event's timestamp, anything else at the end.
        List<org.coredev.rtio.AsyncError> errors = rtio.asyncErrors();
        int nextError = asyncErrorsSeen;
        for (String line : rtio.coreLog().subList(coreLogBefore, rtio.coreLog().size())) {
            if (nextError < errors.size() && errors.get(nextError).logLine().equals(line))
                log.add(new LogLine(errors.get(nextError++).timestampMu(), line));
            else log.add(new LogLine(rtio.reachedMu(), line));
        }
        asyncErrorsSeen = errors.size();
        int asyncBits = rtio.takeAsyncErrorBits();
        return new KernelRun(this, outcome, startMu, nowMu(), eventsBefore, rtio.eventLog().size(),
                List.copyOf(log.subList(logBefore, log.size())), asyncBits, value, bundle);
    }

    /** A finished entry point's return value, where the target's convention has it (a0/a1 or fa0; r11/r12). */
    private Object returned(ValueType type) {
        Abi abi = runtime.abi();
        return switch (type) {
            case ValueType.Scalar s -> switch (s) {
                case INT32 -> (int) abi.result(cpu, org.coredev.emu.runtime.Signature.Type.INT);
                case INT64 -> abi.result(cpu, org.coredev.emu.runtime.Signature.Type.LONG);
                case BOOL -> abi.result(cpu, org.coredev.emu.runtime.Signature.Type.INT) != 0;
                case FLOAT -> Double.longBitsToDouble(abi.result(cpu, org.coredev.emu.runtime.Signature.Type.DOUBLE));
                case STR -> {
                    int slice = (int) abi.result(cpu, org.coredev.emu.runtime.Signature.Type.POINTER);
                    GuestMemory m = runtime.memory();
                    yield new String(m.read(m.load32(slice), m.load32(slice + 4)), java.nio.charset.StandardCharsets.UTF_8);
                }
                case NONE -> null;
            };
            default -> null;   // lists cannot be returned; tuples are not read back yet
        };
    }

    /**
     * ksupport's attribute_writeback once {@code __modinit__} returned, for images that export
     * {@code typeinfo} (ARTIQ's compiler; coredev's compiler writes back from the kernel itself).
     */
    private KernelOutcome attributeWriteback(LoadedImage image) {
        java.util.OptionalInt typeinfo = image.symbol("typeinfo");
        if (typeinfo.isEmpty()) return new KernelOutcome.Finished();
        try {
            AttributeWriteback.run(rpc, cpu, runtime.memory(), typeinfo.getAsInt(), map.stackTop() - 16);
            return new KernelOutcome.Finished();
        } catch (GuestFault f) {
            return new KernelOutcome.Fault("attribute writeback: bad memory access: " + f.getMessage(),
                    typeinfo.getAsInt(), symbolize(typeinfo.getAsInt()));
        } catch (RpcException e) {
            return new KernelOutcome.HostError(e.getMessage());
        }
    }

    /** Calls the function at {@code address} with the kernel stack and runs until it returns. */
    KernelOutcome call(int address) {
        return call(address, map.stackTop());   // _fstack
    }

    private KernelOutcome call(int address, int sp) {
        cpu.setX(runtime.abi().sp(), sp);
        cpu.setX(runtime.abi().returnAddress(), returnAddress);
        cpu.setPc(address);
        long deadline = cpu.cycles() + maxCycles;
        long wallStart = System.nanoTime();
        int stops = 0;
        StopReason stop = null;
        while (true) {
            long left = deadline - cpu.cycles();
            if (left <= 0) return new KernelOutcome.BudgetExhausted("cycle", maxCycles, cpu.pc(), symbolize(cpu.pc()));
            // The wall clock after each slice and every 256 runtime calls: a kernel calls the runtime every few instructions.
            if ((stop instanceof StopReason.Budget || (++stops & 255) == 0) && System.nanoTime() - wallStart > maxWallNanos)
                return new KernelOutcome.BudgetExhausted("wall-time", cpu.cycles(), cpu.pc(), symbolize(cpu.pc()));
            stop = cpu.run(Math.min(left, 50_000_000));
            switch (stop) {
                case StopReason.Budget b -> { }
                case StopReason.Watch w -> { }
                case StopReason.Trap t -> {
                    String what = t.cause().description() + switch (t.cause()) {
                        case ILLEGAL_INSTRUCTION -> " (word 0x%08x)".formatted(t.tval());
                        case ECALL_FROM_M, BREAKPOINT -> "";
                        default -> " at address 0x%08x%s".formatted(t.tval(), stackNote(t.tval()));
                    };
                    return new KernelOutcome.Fault(what, t.pc(), symbolize(t.pc()));
                }
                case StopReason.RuntimeCall r -> {
                    if (r.pc() == returnAddress) return new KernelOutcome.Finished();
                    RuntimeExport export = runtime.functionAt(r.pc());
                    int caller = runtime.abi().callSite(cpu);
                    if (export == null)
                        return new KernelOutcome.Fault("jump into runtime code at 0x%08x (not an entry point)".formatted(r.pc()), caller, symbolize(caller));
                    try {
                        runtime.dispatch(cpu, export);
                    } catch (GuestFault f) {
                        return new KernelOutcome.Fault("%s: bad memory access: %s".formatted(export.name(), f.getMessage()), caller, symbolize(caller));
                    } catch (KernelEnd e) {
                        return e.outcome();
                    } catch (KernelRaise e) {
                        KernelOutcome end = afterRaise(e);
                        if (end != null) return end;
                    } catch (RpcException e) {
                        if (!e.isKernelException()) return new KernelOutcome.HostError(e.getMessage());
                        KernelRaise raised = e.hostException() != null ? raiseHost(e.hostException())
                                : raise(e.exceptionName(), e.getMessage(), 0, 0, 0);
                        KernelOutcome end = afterRaise(raised);
                        if (end != null) return end;
                    } catch (EhException e) {
                        return new KernelOutcome.Fault("while unwinding: " + e.getMessage(), caller, symbolize(caller));
                    }
                }
            }
        }
    }

    private String stackNote(int address) {
        return address >= map.mainRamEnd() - (64 << 20) && address < map.mainRamEnd() ? " (below the kernel stack: stack overflow?)" : "";
    }

    /** "0x45060124 <name+0x10>" using the loaded images' symbols. */
    public String symbolize(int address) {
        for (LoadedImage image : images) {
            if (image.contains(address)) return "0x%08x <%s>".formatted(address, image.symbolize(address));
        }
        String name = runtime.nameAt(address);
        return name != null ? "0x%08x <%s>".formatted(address, name) : "0x%08x".formatted(address);
    }

    /** Raises an ARTIQ exception from the runtime, as ksupport's raise! does: the kernel may catch it. */
    private KernelRaise raise(String name, String message, long p0, long p1, long p2) {
        // Exceptions of the experiment's own classes (from a host RPC) have no built-in id here.
        if (ExceptionNames.id(name).isEmpty()) {
            message = name + ": " + message;
            name = "RuntimeError";
        }
        ExceptionRuntime.Outcome outcome = raiser.raiseBuiltin(cpu, name, message, p0, p1, p2);
        cpu.addCycles(EhExports.unwindCycles(raiser));
        return new KernelRaise(outcome);
    }

    /**
     * An exception the host raised in an RPC: raised with the host's name (or id) and strings as
     * session.rs does, so that the kernel's handlers match the host's class and, uncaught, it goes
     * back to the host as the same name or keys.
     */
    private KernelRaise raiseHost(RpcReply.RaiseHost h) {
        ExceptionRuntime.Outcome outcome = raiser.raiseBuiltin(cpu, h.exception());
        cpu.addCycles(EhExports.unwindCycles(raiser));
        return new KernelRaise(outcome);
    }

    /** A raise was caught (the CPU is at the landing pad: null, keep running) or ends the kernel. */
    private KernelOutcome afterRaise(KernelRaise raise) {
        return switch (raise.outcome()) {
            case ExceptionRuntime.Caught c -> null;
            case ExceptionRuntime.Uncaught u -> {
                List<String> frames = new ArrayList<>();
                // Frames hold return addresses: name the call, as ARTIQ's host does.
                for (var frame : u.backtrace())
                    frames.add("0x%08x <%s>".formatted(frame.pc(), unwindTables.symbolize(frame.pc(), true)));
                String name = exceptionNames.getOrDefault(u.exception().id(), u.exception().name());
                yield new KernelOutcome.Uncaught(name, u.exception().formattedMessage(), List.copyOf(frames), u);
            }
        };
    }

    /** The loader writes images through the bus; code replaced under the CPU's decode cache is forgotten. */
    private final class KernelMemory implements TargetMemory {
        @Override public void write(int address, byte[] data) {
            try {
                bus.write(address, data);
                cpu.invalidateDecoded(address, data.length);
            } catch (BusFault e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override public byte[] read(int address, int length) {
            try {
                return bus.read(address, length);
            } catch (BusFault e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
