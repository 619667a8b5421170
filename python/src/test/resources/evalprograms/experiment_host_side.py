# Differential test program: host-side experiment code in ARTIQ's style (build(), attributes, RPC-like bodies).
device_db = {
    "ttl%d" % i: {"type": "local", "module": "artiq.coredevice.ttl", "class": "TTLOut" if i > 3 else "TTLInOut",
                  "arguments": {"channel": i}}
    for i in range(8)
}
device_db["led"] = "ttl4"


class FakeDevice:
    def __init__(self, name, desc):
        self.name = name
        self.channel = desc["arguments"]["channel"]
        self.kind = desc["class"]

    def __repr__(self):
        return "<%s %s ch%d>" % (self.kind, self.name, self.channel)


class HasEnvironment:
    def __init__(self, ddb, **kwargs):
        self._ddb = ddb
        self._args = kwargs
        self.build()

    def get_device(self, key):
        desc = self._ddb[key]
        while isinstance(desc, str):
            key, desc = desc, self._ddb[desc]
        return FakeDevice(key, desc)

    def setattr_device(self, key):
        setattr(self, key, self.get_device(key))

    def setattr_argument(self, key, default):
        setattr(self, key, self._args.get(key, default))


class Blink(HasEnvironment):
    def build(self):
        self.setattr_device("led")
        self.setattr_argument("count", 10)
        self.setattr_argument("period_us", 2.5)
        self.ttls = [self.get_device("ttl%d" % i) for i in range(4)]
        self.results = []

    def report(self, n, t_mu):
        self.results.append((n, t_mu))
        return len(self.results)

    def schedule(self):
        t = 0
        events = []
        for n in range(self.count):
            t += int(self.period_us * 1000)
            events.append((t, self.led.channel, n % 2))
        return events


b = Blink(device_db, count=4)
print(b.led, b.count, b.period_us, b.ttls)
print(b.schedule())
print([b.report(n, n * 8) for n in range(3)], b.results)
print(sorted(k for k, v in device_db.items() if isinstance(v, dict) and v["class"] == "TTLInOut"))
print({k: v for k, v in vars_like.items()} if False else "no vars()")
