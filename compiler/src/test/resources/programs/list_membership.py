# 'in' and 'not in' on lists of numbers and bools (== with int/float mixing as Python).
channels = [3, 5, 8, -1]
print(5 in channels, 4 in channels, -1 in channels, 4 not in channels, 8 not in channels)
print(5.0 in channels, 5.5 in channels)
freqs = [1.5, 2.0, -0.0]
print(2 in freqs, 0 in freqs, 3 not in freqs)
wide = [int64(1) << 40, int64(7)]
print((int64(1) << 40) in wide, 7 in wide, (int64(1) << 41) in wide)
flags = [False, False]
print(True in flags, False in flags)

def allowed(ch, table):
    return ch in table

found = 0
for k in range(10):
    if allowed(k, channels):
        found += k
print(found)
print(1 < 2 in channels, 0 < 3 in channels)
# Membership in ranges: bounds in the step's direction, whole steps from the start.
r = range(2, 20, 3)
print([k for k in range(-2, 24) if k in r])
print([k for k in range(-2, 24) if k not in range(20, 2, -4)])
print(1 in range(10), 11 not in range(10), -1 not in range(10), 0 in range(0), 5 in range(5, 6))
big = int64(1) << 40
print(big + 6 in range(big, big + 10, 3), big + 7 in range(big, big + 10, 3), big - 1 in range(big, big - 9, -1))
