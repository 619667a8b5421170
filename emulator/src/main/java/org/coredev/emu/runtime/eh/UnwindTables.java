package org.coredev.emu.runtime.eh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.loader.LoadedImage;

/**
 * The unwind tables of every loaded image (resident bundles and the current kernel): an
 * {@link FdeSource} that picks the image holding a pc, plus symbolization for backtraces.
 */
public final class UnwindTables implements FdeSource {
    private record Entry(LoadedImage image, EhFrame frames) {}

    private final GuestMemory memory;
    private final List<Entry> images = new ArrayList<>();

    public UnwindTables(GuestMemory memory) { this.memory = memory; }

    /**
     * Adds an image; one without PT_GNU_EH_FRAME has no unwind tables (a raise through its code
     * ends the unwinding there, as on the board).
     */
    public void add(LoadedImage image) {
        EhFrame frames = image.ehFrameHdr()
                .map(h -> EhFrame.fromHeader(memory, h.address(), h.size(), image.end()))
                .orElse(null);
        images.add(new Entry(image, frames));
    }

    /** Forgets an image (a kernel whose memory the next load reuses). */
    public void remove(LoadedImage image) {
        images.removeIf(e -> e.image() == image);
    }

    /** The image holding {@code address}, if any. */
    public Optional<LoadedImage> imageAt(int address) {
        for (Entry e : images) if (e.image().contains(address)) return Optional.of(e.image());
        return Optional.empty();
    }

    /** The tables of the image holding {@code address}, if it has any. */
    public Optional<EhFrame> framesAt(int address) {
        for (Entry e : images) if (e.image().contains(address)) return Optional.ofNullable(e.frames());
        return Optional.empty();
    }

    @Override
    public Optional<EhFrame.Fde> find(int pc) {
        return framesAt(pc).flatMap(f -> f.find(pc));
    }

    /**
     * "symbol+0x1c" for an address in a loaded image, else "0x4505f000". A return address is
     * looked up at the call ({@code address - 1}), so a call that ends a function still names
     * that function; the offset shown is the return address's own.
     */
    public String symbolize(int address, boolean returnAddress) {
        int at = returnAddress ? address - 1 : address;
        for (Entry e : images) {
            if (!e.image().contains(at)) continue;
            String name = e.image().symbolize(at);
            if (!returnAddress || name.startsWith("0x")) return name;
            int plus = name.lastIndexOf("+0x");
            long offsetAtCall = plus < 0 ? 0 : Long.parseLong(name.substring(plus + 3), 16);
            return "%s+0x%x".formatted(plus < 0 ? name : name.substring(0, plus), offsetAtCall + 1);
        }
        return "0x%08x".formatted(address);
    }
}
