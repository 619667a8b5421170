"""Unit tests of coredev_bundles without ARTIQ: stand-ins for the few ARTIQ names it uses.

Run: python3 -m unittest discover -s artiq-host-extension (cli's BundleExtensionTest does).
The stand-in comm plays the board: it records the requests, answers as coredev serve does, and
"runs" the dispatcher kernel in Python, so what the dispatcher source does on each call is checked.
With ARTIQ itself, `coredev run --artiq examples/experiments/bundled_scan.py` is the end-to-end check.
"""

import collections
import enum
import io
import sys
import types
import unittest


# ---- stand-ins for artiq.language.core, artiq.language.types, artiq.coredevice.comm_kernel
Embedded = collections.namedtuple("Embedded", "core_name function")


def kernel(function):
    def run_on_core(self, *args, **kwargs):
        core = getattr(self, "core")
        if core.on_device:            # a call between kernels on the device
            return function(self, *args, **kwargs)
        return core.run(run_on_core, (self,) + args, kwargs)
    run_on_core.artiq_embedded = Embedded("core", function)
    run_on_core.__name__ = function.__name__
    run_on_core.__qualname__ = function.__qualname__
    run_on_core.__wrapped__ = function
    return run_on_core


def kernel_from_string(parameters, body):
    source = "def kernel_from_string_fn(%s):\n" % ", ".join(parameters)
    source += "\n".join("    " + line for line in body.split("\n"))
    context = {}
    exec(source, context)
    fn = context["kernel_from_string_fn"]
    fn.source = source
    return fn


def rpc(flags=()):
    def decorate(function):
        function.rpc_flags = set(flags)
        return function
    return decorate


class Reply(enum.Enum):
    LoadCompleted = 5
    LoadFailed = 6


class LoadError(Exception):
    pass


class Type(collections.namedtuple("Type", "name elements")):
    """An ARTIQ type annotation (ARTIQ's are objects, never strings)."""


TInt32, TFloat, TNone = Type("TInt32", ()), Type("TFloat", ()), Type("TNone", ())


def TTuple(elements):
    return Type("TTuple", tuple(elements))


def _install_fake_artiq():
    modules = {
        "artiq": types.ModuleType("artiq"),
        "artiq.language": types.ModuleType("artiq.language"),
        "artiq.language.core": types.ModuleType("artiq.language.core"),
        "artiq.language.types": types.ModuleType("artiq.language.types"),
        "artiq.coredevice": types.ModuleType("artiq.coredevice"),
        "artiq.coredevice.comm_kernel": types.ModuleType("artiq.coredevice.comm_kernel"),
    }
    modules["artiq.language.core"].__dict__.update(kernel_from_string=kernel_from_string, rpc=rpc)
    modules["artiq.language.types"].__dict__.update(TInt32=TInt32, TTuple=TTuple, TNone=TNone)
    modules["artiq.coredevice.comm_kernel"].__dict__.update(Reply=Reply, LoadError=LoadError)
    sys.modules.update(modules)


_install_fake_artiq()
import coredev_bundles  # noqa: E402
from coredev_bundles import BundleError, bundled, plan, dispatcher_source  # noqa: E402


class FakeComm:
    """The board as coredev serve answers: a resident library per sha256, runs of the dispatcher."""

    def __init__(self, core):
        self.core = core
        self.requests = []           # (request name, payload)
        self.resident = {}           # digest -> the dispatcher function compiled into it
        self.replies = collections.deque()
        self.refuse = None           # an exception _flush raises (a board without coredev's requests)
        self.system_info_checks = 0
        self._pending = None

    def check_system_info(self):
        self.system_info_checks += 1

    def _write_header(self, request):
        self._pending = [request.name]

    def _write_bytes(self, value):
        self._pending.append(bytes(value))

    def _write_string(self, value):
        self._pending.append(value)

    def _flush(self):
        if self.refuse is not None:
            raise self.refuse
        name, *payload = self._pending
        self.requests.append((name, payload))
        import hashlib
        if name == "ResidentAttach":
            ok = payload[0] in self.resident
            self.replies.append((Reply.LoadCompleted, None) if ok
                                else (Reply.LoadFailed, "no resident kernel " + payload[0].hex()))
        elif name == "ResidentLoad":
            self.resident[hashlib.sha256(payload[1]).digest()] = self.core.compiled[-1]
            self.replies.append((Reply.LoadCompleted, None))

    def _read_header(self):
        self._read_type, self._message = self.replies.popleft()

    def _read_string(self):
        return self._message

    def _read_expect(self, ty):
        assert self._read_type == ty, (self._read_type, ty)

    def serve(self, embedding_map, symbolizer, demangler):
        name, payload = self.requests[-1]
        assert name == "ResidentRun"
        fn, host = self.resident[payload[0]]
        self.core.on_device = True
        try:
            fn(host)
        finally:
            self.core.on_device = False


class FakeCore:
    def __init__(self):
        self.comm = FakeComm(self)
        self.first_run = True
        self.on_device = False
        self.compiled = []           # (dispatcher, host) per compile
        self.runs = []               # kernels run the ARTIQ way (compile + upload each call)
        self.version = 0             # bumps the library's bytes, as a changed host value would

    def compile(self, function, args, kwargs, attribute_writeback=True):
        assert attribute_writeback
        self.compiled.append((function, args[0]))
        library = ("library %d: %s" % (self.version, function.source)).encode()
        embedding_map = types.SimpleNamespace(subkernels=lambda: {})
        return embedding_map, library, None, None

    def run(self, function, args, kwargs):
        self.runs.append(function.__name__)
        self.on_device = True
        try:
            return function.artiq_embedded.function(*args, **kwargs)
        finally:
            self.on_device = False


class Scan:
    def __init__(self, core):
        self.core = core
        self.total = 0
        self.log = []

    @kernel
    def pulses(self, n: TInt32) -> TInt32:
        self.total += n
        return self.total

    @kernel
    def pair(self, a: TInt32, b: TFloat = 0.5) -> TNone:
        self.log.append((a, b))

    @kernel
    def nothing(self):
        self.log.append("nothing")

    @kernel
    def check(self):
        self.pulses(1)

    @kernel
    def untyped(self, n):
        pass

    @kernel
    def star(self, *n: TInt32):
        pass

    def host_method(self):
        pass


class PlanTest(unittest.TestCase):
    def setUp(self):
        self.scan = Scan(FakeCore())

    def test_entries_in_the_order_given_with_their_annotations(self):
        entries = plan((self.scan.pair, self.scan.pulses))
        self.assertEqual([e.name for e in entries], ["Scan.pair", "Scan.pulses"])
        self.assertEqual(entries[0].parameters, [("a", TInt32), ("b", TFloat)])
        self.assertEqual([e.index for e in entries], [0, 1])

    def test_refusals_name_the_kernel_and_parameter(self):
        cases = {
            (): "needs at least one kernel",
            (Scan.pulses,): "is not a bound @kernel method",
            (self.scan.host_method,): "is not a bound @kernel method",
            (self.scan.pulses, self.scan.pulses): "Scan.pulses is given twice",
            (self.scan.untyped,): "Scan.untyped, parameter n has no ARTIQ type annotation (write e.g. n: TInt32)",
            (self.scan.star,): "Scan.star, parameter n: *args and **kwargs cannot cross",
            (self.scan.pulses, Scan(FakeCore()).pair): "Scan.pair runs on another core device than Scan.pulses",
        }
        for kernels, message in cases.items():
            with self.subTest(message=message):
                with self.assertRaises(BundleError) as caught:
                    plan(kernels)
                self.assertIn(message, str(caught.exception))

    def test_two_objects_on_one_core_may_share_a_bundle(self):
        core = FakeCore()
        entries = plan((Scan(core).pulses, Scan(core).pulses))
        self.assertEqual(len(entries), 2)

    def test_arguments_bound_as_python_binds_them(self):
        pair = plan((self.scan.pair,))[0]
        self.assertEqual(pair.bind((1,), {}), (1, 0.5))
        self.assertEqual(pair.bind((), {"b": 2.0, "a": 3}), (3, 2.0))
        with self.assertRaises(TypeError) as caught:
            pair.bind((1, 2, 3), {})
        self.assertIn("Scan.pair(): too many positional arguments", str(caught.exception))


class DispatcherSourceTest(unittest.TestCase):
    def test_one_branch_per_entry_fed_by_rpcs(self):
        scan = Scan(FakeCore())
        source = dispatcher_source(plan((scan.pulses, scan.pair, scan.nothing)))
        self.assertEqual(source, "\n".join([
            "i = host.next_call()",
            "if i == 0:",
            "    host.result_0(host.k0(host.args_0()))",
            "elif i == 1:",
            "    a = host.args_1()",
            "    host.k1(a[0], a[1])",            # returns TNone: no result RPC
            "elif i == 2:",
            "    host.result_2(host.k2())",       # no annotation: its value may be anything
        ]))

    def test_dispatch_host_rpcs_are_typed_and_results_async(self):
        scan = Scan(FakeCore())
        host = coredev_bundles._dispatch_host(plan((scan.pulses, scan.pair)))
        self.assertEqual(type(host).args_0.__annotations__, {"return": TInt32})
        self.assertEqual(type(host).args_1.__annotations__, {"return": TTuple([TInt32, TFloat])})
        self.assertEqual(type(host).result_0.rpc_flags, {"async"})
        self.assertEqual(type(host).next_call.__annotations__, {"return": TInt32})


class BundleTest(unittest.TestCase):
    def setUp(self):
        self.core = FakeCore()
        self.scan = Scan(self.core)
        self.said = io.StringIO()
        coredev_bundles.report = self.said

    def tearDown(self):
        coredev_bundles.report = None

    def names(self):
        return [name for name, _ in self.core.comm.requests]

    def test_compiled_and_uploaded_once_then_each_call_runs_resident(self):
        with bundled(self.scan.pulses, self.scan.pair) as b:
            self.assertEqual([self.scan.pulses(n) for n in (1, 2, 3)], [1, 3, 6])
            self.assertIsNone(self.scan.pair(7))
        self.assertEqual(self.names(), ["ResidentAttach", "ResidentLoad"] + ["ResidentRun"] * 4)
        self.assertEqual(len(self.core.compiled), 1)
        self.assertEqual(self.core.runs, [], "no call went the ARTIQ way")
        self.assertEqual(self.scan.log, [(7, 0.5)])
        self.assertEqual((b.calls, b.uploads), (4, 1))
        self.assertEqual(self.core.comm.system_info_checks, 1)
        self.assertIn("== bundle bundled(Scan.pulses, Scan.pair): compiled once", self.said.getvalue())

    def test_the_same_library_again_is_attached_not_uploaded(self):
        with bundled(self.scan.pulses):
            self.scan.pulses(1)
        with bundled(self.scan.pulses) as again:
            self.scan.pulses(1)
        self.assertEqual(self.names(), ["ResidentAttach", "ResidentLoad", "ResidentRun",
                                        "ResidentAttach", "ResidentRun"])
        self.assertEqual(again.uploads, 0)
        self.assertIn("already resident: reset to its data, nothing uploaded", self.said.getvalue())

    def test_after_the_block_kernels_run_the_artiq_way_again(self):
        with bundled(self.scan.pulses):
            self.scan.pulses(2)
        self.assertEqual(self.scan.pulses(3), 5)
        self.assertEqual(self.core.runs, ["pulses"])
        self.assertNotIn("run", vars(self.core))

    def test_a_kernel_outside_the_bundle_makes_the_next_call_recompile(self):
        with bundled(self.scan.pulses):
            self.scan.pulses(1)
            self.scan.check()                 # outside the bundle: compiled and uploaded as ARTIQ does
            self.core.version += 1            # the host values it changed are in the new library
            with self.assertLogs("coredev_bundles", "WARNING") as logs:
                self.scan.pulses(1)
        self.assertEqual(self.core.runs, ["check"])
        self.assertEqual(len(self.core.compiled), 2)
        self.assertEqual(self.names().count("ResidentLoad"), 2)
        self.assertIn("a kernel outside the bundle ran; recompiling", logs.output[0])

    def test_bundles_do_not_nest(self):
        with bundled(self.scan.pulses):
            with self.assertRaises(BundleError) as caught:
                with bundled(self.scan.pair):
                    pass
            self.assertIn("another bundle is open on this core device", str(caught.exception))

    def test_a_board_without_coredevs_requests_is_a_bundle_error(self):
        self.core.comm.refuse = ConnectionResetError("connection reset by peer")
        with self.assertRaises(BundleError) as caught:
            with bundled(self.scan.pulses):
                pass
        self.assertIn("refused coredev's resident-kernel request", str(caught.exception))
        self.assertIn("bundles need coredev serve", str(caught.exception))
        self.assertNotIn("run", vars(self.core), "a failed block leaves the core as it was")

    def test_a_bad_call_is_refused_before_anything_is_sent(self):
        with bundled(self.scan.pair):
            sent = len(self.core.comm.requests)
            with self.assertRaises(TypeError):
                self.scan.pair()
            self.assertEqual(len(self.core.comm.requests), sent)

    def test_install_makes_bundled_a_builtin(self):
        import builtins
        coredev_bundles.install()
        try:
            self.assertIs(builtins.bundled, bundled)
        finally:
            del builtins.bundled


if __name__ == "__main__":
    unittest.main()
