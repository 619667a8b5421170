t = int64(1) << 40
print(t)
u = t * 3 + 5
print(u, u // 7, u % 7, -u // 7, -u % 7)
big = int64(3000000000)
print(big + big, big - 2 * big, big * 2)
print(big > 2147483647, int64(-1) < int64(0), big == 3000000000)
n = now_mu()
at_mu(n + 1000)
delay_mu(int64(500))
print(now_mu() - n)
x = int64(5)
x += 1
print(x, int32(x) + 1, int64(7) ** 3)
s = int64(-123456789012)
for k in range(0, 63, 7):
    print(k, s >> k, (int64(1) << k) + (s << 1 if k < 20 else int64(0)))
for k in range(30, 34):
    print(k, s >> k, int64(5) << k, int64(-1) >> k)
