package org.coredev.emu.device;

import java.util.HexFormat;
import org.coredev.loader.LoadedImage;

/**
 * A kernel image kept loaded for good as it came, without a layout manifest: how a served ARTIQ
 * host keeps a bundle resident ({@link CoreDevice#keepResident}). Each call runs its
 * {@code __modinit__} again on the data the previous calls left; {@link CoreDevice#resetResident}
 * puts the image back as it was loaded. Named by the SHA-256 of its file, so the same library
 * uploaded again is recognised. Code once loaded is never unloaded.
 *
 * @param asLoaded the image's memory right after linking, before any code ran
 */
public record ResidentKernel(String fileName, byte[] digest, LoadedImage image, byte[] asLoaded) {
    /** The digest in hex, as messages show it. */
    public String id() { return HexFormat.of().formatHex(digest); }
}
