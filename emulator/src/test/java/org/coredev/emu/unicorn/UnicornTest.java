package org.coredev.emu.unicorn;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnicornTest {

    private static final long RAM = 0x4000_0000L;

    @Test
    void libraryIsUnicornTwo() {
        assertEquals(2, Unicorn.version() >>> 24, "uc_version major");
    }

    @Test
    void missingLibraryNamesTheDebianPackage() {
        UnicornException e = assertThrows(UnicornException.class,
                () -> Unicorn.loadLibrary("libunicorn-absent.so.9", Path.of("/nonexistent/libunicorn-absent.so.9")));
        assertEquals("libunicorn-absent.so.9 not found: apt-get install libunicorn2", e.getMessage());
    }

    @Test
    void missingLibraryMessageForTheRealSoname() {
        assertEquals("libunicorn.so.2 not found: apt-get install libunicorn2",
                Unicorn.libraryNotFoundMessage(Unicorn.SONAME));
    }

    @Test
    void libraryIsFoundByAbsolutePathWhenTheNameIsNotOnTheSearchPath() {
        assertTrue(Unicorn.loadLibrary("libunicorn-absent.so.9", Unicorn.DEBIAN_PATH).find("uc_open").isPresent());
    }

    @Test
    void overlappingMappingNamesCallRangeAndError() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            uc.memMap(RAM, 0x10_0000, Unicorn.UC_PROT_ALL);
            UnicornException e = assertThrows(UnicornException.class,
                    () -> uc.memMap(RAM, 0x10_0000, Unicorn.UC_PROT_ALL));
            assertEquals("uc_mem_map 0x40000000+0x100000: Invalid memory mapping (UC_ERR_MAP)", e.getMessage());
            assertEquals(Unicorn.UC_ERR_MAP, e.ucErr());
        }
    }

    @Test
    void readingUnmappedMemoryNamesTheAddress() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            UnicornException e = assertThrows(UnicornException.class, () -> uc.memRead(0x1234_0000L, 4));
            assertEquals("uc_mem_read 0x12340000+0x4: Invalid memory read (UC_ERR_READ_UNMAPPED)", e.getMessage());
        }
    }

    @Test
    void memoryRoundTrip() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            uc.memMap(RAM, 0x1000, Unicorn.UC_PROT_ALL);
            uc.memWrite(RAM + 10, new byte[] {1, 2, 3});
            assertEquals("[0, 1, 2, 3, 0]", java.util.Arrays.toString(uc.memRead(RAM + 9, 5)));
        }
    }

    @Test
    void hookThatThrowsBecomesUnicornExceptionNotACrash() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            uc.memMap(RAM, 0x2000, Unicorn.UC_PROT_ALL);
            // sw x1, 0(x5) with x5 = RAM + 0x1000
            uc.memWrite(RAM, new byte[] {0x23, (byte) 0xa0, 0x12, 0x00});
            uc.regWriteInt(1 + 5, (int) (RAM + 0x1000));
            uc.hookMemoryWrite((address, size, value) -> {
                throw new IllegalStateException("hook refused 0x" + Long.toHexString(address));
            }, 1, 0);
            UnicornException e = assertThrows(UnicornException.class, () -> uc.emuStart(RAM, 0xffff_ffffL, 0, 1));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("uc_emu_start 0x40000000: hook failed: java.lang.IllegalStateException: hook refused 0x40001000",
                    e.getMessage());
        }
    }

    @Test
    void deletedHookNoLongerSeesWrites() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            uc.memMap(RAM, 0x2000, Unicorn.UC_PROT_ALL);
            uc.memWrite(RAM, new byte[] {0x23, (byte) 0xa0, 0x12, 0x00}); // sw x1, 0(x5)
            uc.regWriteInt(1 + 5, (int) (RAM + 0x1000));
            java.util.List<Long> seen = new java.util.ArrayList<>();
            long hook = uc.hookMemoryWrite((address, size, value) -> seen.add(address), 1, 0);
            assertEquals(Unicorn.UC_ERR_OK, uc.emuStart(RAM, 0xffff_ffffL, 0, 1));
            uc.hookDelete(hook);
            assertEquals(Unicorn.UC_ERR_OK, uc.emuStart(RAM, 0xffff_ffffL, 0, 1));
            assertEquals(java.util.List.of(RAM + 0x1000), seen);
        }
    }

    @Test
    void rewrittenCodeRunsOnlyAfterItsCacheIsRemoved() {
        try (Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32)) {
            uc.memMap(RAM, 0x1000, Unicorn.UC_PROT_ALL);
            uc.memWrite(RAM, new byte[] {(byte) 0x93, 0x00, 0x50, 0x00}); // addi x1, x0, 5
            uc.emuStart(RAM, 0xffff_ffffL, 0, 1);
            uc.memWrite(RAM, new byte[] {(byte) 0x93, 0x00, 0x70, 0x00}); // addi x1, x0, 7
            uc.emuStart(RAM, 0xffff_ffffL, 0, 1);
            assertEquals(5, uc.regReadInt(2), "Unicorn 2.0.1 runs the stale translation");
            uc.removeCache(RAM, RAM + 4);
            uc.emuStart(RAM, 0xffff_ffffL, 0, 1);
            assertEquals(7, uc.regReadInt(2));
        }
    }

    @Test
    void engineIsUnusableAfterClose() {
        Unicorn uc = new Unicorn(Unicorn.UC_ARCH_RISCV, Unicorn.UC_MODE_RISCV32);
        uc.close();
        uc.close();
        UnicornException e = assertThrows(UnicornException.class, () -> uc.regReadInt(1));
        assertEquals("Unicorn engine used after close()", e.getMessage());
    }

    @Test
    void strerrorEndsWithTheErrorName() {
        assertEquals("Invalid memory fetch (UC_ERR_FETCH_UNMAPPED)", Unicorn.strerror(Unicorn.UC_ERR_FETCH_UNMAPPED));
    }
}
