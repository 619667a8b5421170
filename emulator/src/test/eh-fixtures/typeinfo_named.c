/* Type-info objects for catch.cpp as ARTIQ 6's personality reads them (release-6
 * artiq/firmware/libeh/dwarf.rs, find_eh_action): a CSlice {ptr, len} holding the name of the
 * exception a catch clause accepts, as the runtime names its own ("0:" and the qualified name). */
struct slice { const char *ptr; unsigned int len; };
static const char underflow[] = "0:artiq.coredevice.exceptions.RTIOUnderflow";
static const char overflow[] = "0:artiq.coredevice.exceptions.RTIOOverflow";
const struct slice typeinfo_int __asm__("_ZTIi") = { underflow, sizeof underflow - 1 };
const struct slice typeinfo_long __asm__("_ZTIl") = { overflow, sizeof overflow - 1 };
