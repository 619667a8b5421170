package org.coredev.emu.cpu.rv32;

/** IEEE-754 binary32 and binary64 as bit patterns held in a long. */
public enum FloatFormat {
    SINGLE(8, 23), DOUBLE(11, 52);

    final int expBits, fracBits, width, bias, emin, emax, precision;
    final long fracMask, expMax, signBit, canonicalNaN;

    FloatFormat(int expBits, int fracBits) {
        this.expBits = expBits;
        this.fracBits = fracBits;
        this.width = 1 + expBits + fracBits;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        this.precision = fracBits + 1;
        this.fracMask = (1L << fracBits) - 1;
        this.expMax = (1L << expBits) - 1;
        this.signBit = 1L << (width - 1);
        // RISC-V's canonical NaN: positive, quiet bit set, rest of the payload zero (spec 11.3).
        this.canonicalNaN = (expMax << fracBits) | (1L << (fracBits - 1));
    }

    long expField(long bits) { return (bits >>> fracBits) & expMax; }
    long frac(long bits) { return bits & fracMask; }
    boolean negative(long bits) { return (bits & signBit) != 0; }
    boolean isNaN(long bits) { return expField(bits) == expMax && frac(bits) != 0; }
    boolean isSignalingNaN(long bits) { return isNaN(bits) && (bits & (1L << (fracBits - 1))) == 0; }
    boolean isInfinite(long bits) { return expField(bits) == expMax && frac(bits) == 0; }
    boolean isZero(long bits) { return (bits & ~signBit) == 0; }
    long infinity(boolean negative) { return (negative ? signBit : 0) | (expMax << fracBits); }
    long zero(boolean negative) { return negative ? signBit : 0; }
    /** Largest finite magnitude. */
    long maxFinite(boolean negative) { return (negative ? signBit : 0) | ((expMax - 1) << fracBits) | fracMask; }
}
