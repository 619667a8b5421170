# bytes and bytearray: constants, ==, +, indexing (ints 0..255), len, loops, copies, item assignment.
def checksum(data):
    s = 0
    for b in data:
        s = (s + b) % 256
    return s


tag = b"ab\x00\xff"
print(tag, len(tag), tag[0], tag[-1], tag == b"ab\x00\xff", tag != b"ab", b"x" + b"yz")
print(checksum(tag), [b + 1 for b in b"abc"], bool(b""), bool(tag))
buf = bytearray(tag)
buf[0] = 65
buf[1] += 1
print(buf, tag, len(buf), buf[2])
print(bytearray([1, 2, 255]), bytes([104, 105]), bytes(buf) == b"Ac\x00\xff")
try:
    buf[0] = 256
except ValueError:
    print("not a byte")
try:
    print(tag[4])
except IndexError:
    print("index error")
