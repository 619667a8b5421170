# round() as CPython (halves to even), delay() in seconds on a 1 ns ref_period,
# seconds_to_mu (floor division) and mu_to_seconds.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(-2.6), round(7), round(2.4999))
i = 0
while i < 9:
    x = i * 0.25 - 1.0
    print(x, round(x))
    i += 1
big = round(3.0e10)
print(big + int64(1))
t0 = now_mu()
delay(1e-6)
print(now_mu() - t0)
delay(2.5e-9)
print(now_mu() - t0)
delay(3)
print(now_mu() - t0)
print(seconds_to_mu(1e-6), seconds_to_mu(2.0), seconds_to_mu(1.5e-8))
print(mu_to_seconds(int64(1000)), mu_to_seconds(250))
t1 = now_mu()
delay(1.5 * us)
delay(2 * ms)
print(now_mu() - t1, seconds_to_mu(250 * ns), 3 * MHz)
