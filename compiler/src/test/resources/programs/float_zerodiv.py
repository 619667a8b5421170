x = 2.0
print(x / 4)
print(x / 0.0)
