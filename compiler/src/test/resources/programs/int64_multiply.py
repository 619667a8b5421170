# int64 products whose 32-bit halves carry in every column: the high word of the unsigned
# low-word product (mulhu on RISC-V, 16-bit partial products on or1k) must be exact.
lows = [int64(0xFFFFFFFF), int64(0x80000001), int64(0xFFFF0001), int64(0x0001FFFF), int64(0x7FFF8000), int64(12345)]
smalls = [int64(0x7FFFFFFF), int64(0xFFFF), int64(0x10001), int64(-3), int64(-0x7FFFFFFF), int64(1)]
total = int64(0)
for a in lows:
    for b in smalls:
        p = a * b
        total += p & int64(0xFFFF)
        print(a, b, p)
print(total)
print(int64(-0x80000000) * int64(0x7FFFFFFF), int64(0x123456789) * int64(-0x54321))
