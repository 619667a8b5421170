/* Type-info objects for catch.cpp as ARTIQ's personality reads them: the first word is the
 * exception id a catch clause accepts (artiq/firmware/libeh/dwarf.rs, find_eh_action).
 * Ids: 0 RTIOUnderflow, 1 RTIOOverflow (artiq/compiler/embedding.py). */
const unsigned int typeinfo_int __asm__("_ZTIi") = 0;
const unsigned int typeinfo_long __asm__("_ZTIl") = 1;
