"""coredev's ARTIQ host extension: ``with bundled(f, g, h):`` on top of ARTIQ's own Core.

For experiments run by ARTIQ's artiq_run (and ARTIQ's compiler) against ``coredev serve``, as
``coredev run --artiq`` does. Inside the block, the kernels f, g, h (bound @kernel methods) are
compiled once, by ARTIQ's compiler, into one library that the emulated board keeps resident; each
call of f, g or h then runs that library again, with no compilation and no upload. Its host
objects live on the device while the block lasts and are written back to the host after every
call, as after any kernel.

    import coredev_bundles
    coredev_bundles.install()          # or: from coredev_bundles import bundled

    with bundled(self.pulses, self.readout):
        for n in range(100):
            self.pulses(n)             # no compile, no upload

What to know:
  * Code once loaded is never unloaded: each distinct library (the bundle's kernels with the host
    values they embed) takes board memory until the server stops. The same library again (same
    bytes) reuses the resident copy, reset to its data as compiled.
  * Parameters of bundled kernels need ARTIQ type annotations (n: TInt32): arguments reach the
    device through one RPC per call, and its type must be known when the bundle is compiled.
    Numbers, bools, strings, tuples and lists cross; defaults and keywords are bound on the host.
  * While the block lasts, the device copy of the bundle's host objects wins: assigning
    self.total = 0 in host code does not reach the bundle (it is written back over after the
    next call). Assign inside a kernel instead.
  * A kernel outside the bundle called inside the block is compiled and uploaded as ARTIQ always
    does, from the host's values; the bundle is then recompiled at its next call so that both
    see one state (a warning says so: add that kernel to bundled(...) to avoid it). ARTIQ's
    compiler cannot link a later kernel against a bundle; coredev's own compiler can
    (coredev run without --artiq).
  * Only ``coredev serve`` understands the requests used here (0xc0-0xc2); ARTIQ's firmware on a
    real board closes the connection, reported as a BundleError.
"""

import builtins
import hashlib
import inspect
import logging
import sys

__all__ = ["bundled", "install", "BundleError"]

logger = logging.getLogger(__name__)

#: Where to say when a bundle is compiled and uploaded (a text file such as sys.stderr), or None.
report = None

#: coredev's kernel-session requests (emulator/docs/server.md, "Resident kernels").
RESIDENT_LOAD, RESIDENT_ATTACH, RESIDENT_RUN = 0xc0, 0xc1, 0xc2


class BundleError(Exception):
    """A kernel that cannot be bundled, or a core device that cannot keep one resident."""


class _Request:
    """What CommKernel._write_header needs of a request: its .value (an enum member in ARTIQ)."""

    def __init__(self, value, name):
        self.value, self.name = value, name

    def __repr__(self):
        return "coredev." + self.name


class Entry:
    """One bundled kernel: its index in the dispatcher, the bound method, its parameters."""

    def __init__(self, index, bound, parameters, signature):
        self.index = index
        self.bound = bound
        self.parameters = parameters      # [(name, ARTIQ type annotation)]
        self.signature = signature

    @property
    def name(self):
        return self.bound.__func__.__qualname__

    def bind(self, args, kwargs):
        """The call's arguments in parameter order, defaults applied (as Python binds them)."""
        try:
            bound = self.signature.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError("%s(): %s" % (self.name, e)) from None
        bound.apply_defaults()
        return tuple(bound.arguments[name] for name, _ in self.parameters)


def _embedded(function):
    return getattr(function, "artiq_embedded", None)


def plan(kernels):
    """Checks the kernels can be bundled and returns their entries, in the order given."""
    if not kernels:
        raise BundleError("bundled() needs at least one kernel")
    entries, core_name, owner = [], None, None
    for index, k in enumerate(kernels):
        embedded = _embedded(getattr(k, "__func__", None))
        if not inspect.ismethod(k) or embedded is None or embedded.core_name is None:
            raise BundleError("bundled(): %r is not a bound @kernel method (bundle self.f, not f)" % (k,))
        if any(e.bound.__func__ is k.__func__ and e.bound.__self__ is k.__self__ for e in entries):
            raise BundleError("bundled(): %s is given twice" % k.__func__.__qualname__)
        if core_name is None:
            core_name, owner = embedded.core_name, k.__self__
        core = getattr(k.__self__, embedded.core_name, None)
        if core is None or core is not getattr(owner, core_name, None):
            raise BundleError("bundled(): %s runs on another core device than %s"
                              % (k.__func__.__qualname__, kernels[0].__func__.__qualname__))
        signature = inspect.signature(k)
        parameters = []
        for p in signature.parameters.values():
            where = "%s, parameter %s" % (k.__func__.__qualname__, p.name)
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise BundleError("bundled(): %s: *args and **kwargs cannot cross into a bundle" % where)
            if p.annotation is p.empty or isinstance(p.annotation, str):
                raise BundleError("bundled(): %s has no ARTIQ type annotation (write e.g. %s: TInt32): "
                                  "a bundle is compiled before its calls" % (where, p.name))
            parameters.append((p.name, p.annotation))
        entries.append(Entry(index, k, parameters, signature))
    return entries


def dispatcher_source(entries):
    """The body of the dispatcher kernel: one call per run, chosen and fed by host RPCs."""
    lines = ["i = host.next_call()"]
    for e in entries:
        lines.append("%s i == %d:" % ("if" if e.index == 0 else "elif", e.index))
        n = len(e.parameters)
        if n == 0:
            call = "host.k%d()" % e.index
        elif n == 1:
            call = "host.k%d(host.args_%d())" % (e.index, e.index)
        else:
            lines.append("    a = host.args_%d()" % e.index)
            call = "host.k%d(%s)" % (e.index, ", ".join("a[%d]" % j for j in range(n)))
        if _returns_none(e):
            lines.append("    " + call)
        else:
            lines.append("    host.result_%d(%s)" % (e.index, call))
    return "\n".join(lines)


def _returns_none(entry):
    annotation = entry.signature.return_annotation
    if annotation is inspect.Signature.empty:
        return False
    try:
        from artiq.language.types import TNone
    except ImportError:
        return annotation is None
    return annotation is None or annotation == TNone


def _dispatch_host(entries):
    """The host object the dispatcher calls: its kernels, its call and argument RPCs."""
    from artiq.language.core import rpc
    from artiq.language.types import TInt32, TTuple

    namespace = {"__doc__": "coredev bundle dispatcher"}

    def next_call(self) -> TInt32:
        return self._index
    namespace["next_call"] = next_call

    for e in entries:
        if len(e.parameters) == 1:
            def args(self):
                return self._args[0]
            args.__annotations__ = {"return": e.parameters[0][1]}
        elif e.parameters:
            def args(self):
                return self._args
            args.__annotations__ = {"return": TTuple([t for _, t in e.parameters])}
        else:
            args = None
        if args is not None:
            args.__name__ = args.__qualname__ = "args_%d" % e.index
            namespace[args.__name__] = args

        def result(self, value):
            self._result = value
        result.__name__ = result.__qualname__ = "result_%d" % e.index
        namespace[result.__name__] = rpc(flags={"async"})(result)

    host = type("CoredevBundle", (), namespace)()
    for e in entries:
        setattr(host, "k%d" % e.index, e.bound)
    host._index, host._args, host._result = -1, (), None
    return host


class Bundle:
    """``with bundled(...)``: compiles and keeps the kernels resident; their calls run there."""

    def __init__(self, *kernels):
        self.entries = plan(kernels)
        first = self.entries[0].bound
        self.core = getattr(first.__self__, _embedded(first.__func__).core_name)
        self.name = "bundled(%s)" % ", ".join(e.name for e in self.entries)
        self.calls = 0
        self.uploads = 0
        self._digest = None
        self._stale = True
        self._saved_run = None

    # ---- the block
    def __enter__(self):
        if "run" in vars(self.core):
            raise BundleError("%s: another bundle is open on this core device (bundles do not nest)" % self.name)
        self._host = _dispatch_host(self.entries)
        self._upload()
        core, bundle = self.core, self
        original = type(core).run

        def run(function, args, kwargs):
            entry = bundle._entry(function, args)
            if entry is None:
                bundle._stale = True     # it may change what the bundle holds: recompile before the next call
                return original(core, function, args, kwargs)
            return bundle._call(entry, args[1:], kwargs)

        core.run = run                   # an instance attribute: @kernel calls go through it while the block lasts
        return self

    def __exit__(self, *exc):
        self.core.__dict__.pop("run", None)
        return False

    # ---- calls
    def _entry(self, function, args):
        for e in self.entries:
            if function is e.bound.__func__ and args and args[0] is e.bound.__self__:
                return e
        return None

    def _call(self, entry, args, kwargs):
        values = entry.bind(args, kwargs)
        if self._stale:
            logger.warning("%s: a kernel outside the bundle ran; recompiling the bundle from the host's values "
                           "(add that kernel to bundled(...) to avoid this)", self.name)
            self._upload()
        host, comm = self._host, self.core.comm
        host._index, host._args, host._result = entry.index, values, None
        self._send(RESIDENT_RUN, "ResidentRun", self._digest)
        comm.serve(self._embedding_map, self._symbolizer, self._demangler)
        self.calls += 1
        return host._result

    # ---- the library
    def _upload(self):
        from artiq.language.core import kernel_from_string
        from artiq.coredevice.comm_kernel import Reply, LoadError

        fn = kernel_from_string(["host"], dispatcher_source(self.entries))
        compiled = self.core.compile(fn, (self._host,), {}, attribute_writeback=True)
        self._embedding_map, library, self._symbolizer, self._demangler = compiled[:4]
        if self._embedding_map.subkernels():
            raise BundleError("%s: subkernels cannot be bundled" % self.name)
        if self.core.first_run:
            self.core.comm.check_system_info()
            self.core.first_run = False
        digest = hashlib.sha256(library).digest()
        comm = self.core.comm
        self._send(RESIDENT_ATTACH, "ResidentAttach", digest)
        comm._read_header()
        if comm._read_type == Reply.LoadFailed:
            comm._read_string()          # "no resident kernel ...": place it
            comm._write_header(_Request(RESIDENT_LOAD, "ResidentLoad"))
            comm._write_string(self.name)
            comm._write_bytes(library)
            self._flush()
            comm._read_header()
            if comm._read_type == Reply.LoadFailed:
                raise LoadError(comm._read_string())
            self.uploads += 1
            self._say("compiled once by ARTIQ's compiler, uploaded %d bytes, resident from now on" % len(library))
        else:
            self._say("compiled by ARTIQ's compiler to the library already resident: reset to its data, nothing uploaded")
        comm._read_expect(Reply.LoadCompleted)
        self._digest, self._stale = digest, False

    def _say(self, what):
        if report is not None:
            print("== bundle %s: %s" % (self.name, what), file=report, flush=True)

    def _send(self, value, name, digest):
        comm = self.core.comm
        comm._write_header(_Request(value, name))
        comm._write_bytes(digest)
        self._flush()

    def _flush(self):
        try:
            self.core.comm._flush()
        except (ConnectionError, OSError) as e:
            raise BundleError("%s: the core device refused coredev's resident-kernel request (%s); "
                              "bundles need coredev serve" % (self.name, e)) from e


def bundled(*kernels):
    """``with bundled(self.f, self.g):`` compiles f and g once and keeps them resident on the core device."""
    return Bundle(*kernels)


def install():
    """Makes ``bundled`` a builtin, so experiments written for coredev run unchanged under artiq_run."""
    builtins.bundled = bundled
