# Lists of one element type (literals, indexing, element assignment, len, for loops, IndexError)
# and tuples (construction, unpacking, constant indexing), printed as CPython prints them.
delays = [10, 20, 30, 45]
print(delays, len(delays))
total = 0
for d in delays:
    total += d
print(total, delays[0], delays[3], delays[-1], delays[-4])
delays[1] = 25
delays[-1] = delays[0] + delays[1]
print(delays)

amplitudes = [0.5, 0.25, -1.0]
flags = [True, False, True]
names = ["ttl0", "led", ""]
wide = [int64(1) << 40, int64(-3)]
empty_ok = [1]
print(amplitudes, flags, names, wide, empty_ok)

def mean(values):
    s = 0.0
    for v in values:
        s += v
    return s / len(values)

def scale_in_place(values, factor):
    for i in range(len(values)):
        values[i] = values[i] * factor

print(mean(amplitudes))
scale_in_place(amplitudes, 4.0)
print(amplitudes, mean(amplitudes))

pair = (3, 2.5)
print(pair, pair[0], pair[1], pair[-1])
a, b = pair
print(a + 1, b * 2)

def divmod_pair(x, y):
    return (x // y, x % y)

q, r = divmod_pair(17, 5)
print(q, r, divmod_pair(-7, 2))
record = ("ttl3", 8, True, int64(1) << 33, -0.5)
print(record, len(record), record[2])
single = (42,)
print(single, len(single))

histogram = [0, 0, 0]
for v in [2, 0, 2, 1, 2]:
    histogram[v] += 1
histogram[-1] *= 10
weights = [1.5, 2.5]
weights[0] /= 2
print(histogram, weights)

count = 0
if delays:
    count += 1
if ():
    count += 10
print(count)

try:
    print(delays[4])
except IndexError:
    print("caught read out of range")
try:
    delays[-5] = 1
except IndexError:
    print("caught write out of range")
print(delays[len(delays)])
