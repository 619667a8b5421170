# Functions read module variables, and assign them when they say `global`.
gain = 3
offset = 0.25
calls = 0
label = "total"
big = int64(1) << 40

def apply(x):
    global calls
    calls += 1
    return x * gain + offset

def reset():
    global calls, gain
    calls = 0
    gain = -gain

def shifted():
    return big + calls

print(apply(1), apply(2))
print(calls, label)
reset()
print(calls, apply(10), calls)
for calls in range(3):
    print(shifted())
print(calls, gain)
