# The host side of artiq.experiment that an experiment's build() needs, run by coredev's host
# evaluator (org.coredev.python.eval.Interpreter) before its kernels are compiled. After ARTIQ's
# artiq/language/environment.py, core.py and units.py; devices are placeholders naming their key
# in the device database (the compiler binds their methods to the driver library).
# __coredev_device_exists(key) is a builtin the compiler provides.

# Kernel types for RPC return annotations (artiq/language/types.py); the compiler reads the
# annotation's name, these only make the host code evaluate.
TNone = "TNone"
TBool = "TBool"
TInt32 = "TInt32"
TInt64 = "TInt64"
TFloat = "TFloat"
TStr = "TStr"

ps = 1e-12
ns = 1e-9
us = 1e-6
ms = 1e-3
s = 1.0
Hz = 1.0
kHz = 1e3
MHz = 1e6
GHz = 1e9
dB = 1.0
V = 1.0
mV = 1e-3


# The timeline functions and contexts kernels use (artiq/language/core.py): importable in host
# code; in kernels they are the compiler's builtins. Called from host code they say so.
def _kernel_only(name):
    def call(*args):
        raise NotImplementedError(name + "() runs in kernels only (coredev compiles it; the host has no timeline)")
    return call


delay = _kernel_only("delay")
delay_mu = _kernel_only("delay_mu")
now_mu = _kernel_only("now_mu")
at_mu = _kernel_only("at_mu")


class _TimelineContext:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        raise NotImplementedError("with " + self.name + ": runs in kernels only")

    def __exit__(self, type, value, traceback):
        return False


parallel = _TimelineContext("parallel")
sequential = _TimelineContext("sequential")
interleave = _TimelineContext("interleave")


def kernel(function):
    return function


def portable(function):
    return function


def rpc(function=None, flags=None):
    if function is None:
        return lambda f: f
    return function


def host_only(function):
    return function


class _Bundle:
    # A resident bundle of kernels (coredev's HostRun compiles and uploads it once): while it is
    # open, calls of its kernels from host code run there, with no compilation and no upload.
    def __init__(self, kernels):
        self.__coredev_bundle__ = __coredev_bundle_open(kernels)

    def __enter__(self):
        return self

    def __exit__(self, type, value, traceback):
        self.close()
        return False

    def close(self):
        __coredev_bundle_close(self.__coredev_bundle__)


def bundled(*kernels):
    return _Bundle(kernels)


class _Device:
    def __init__(self, key):
        self.__coredev_device_key__ = key

    def bundle(self, *kernels):
        return _Bundle(kernels)

    def __repr__(self):
        return "<device " + self.__coredev_device_key__ + ">"


class _Processor:
    def __init__(self, default=None):
        self.default = default

    def default_value(self):
        if self.default is None:
            raise ValueError("argument has no default value (coredev runs experiments with defaults)")
        return self.default


class NumberValue(_Processor):
    def __init__(self, default=None, unit="", scale=None, step=None, min=None, max=None, precision=None,
                 type="auto", ndecimals=None):
        _Processor.__init__(self, default)
        self.type = type
        self.precision = precision if precision is not None else ndecimals

    def default_value(self):
        value = _Processor.default_value(self)
        if self.type == "int" or (self.type == "auto" and self.precision == 0 and isinstance(value, int)):
            return int(value)
        return value


class BooleanValue(_Processor):
    pass


class StringValue(_Processor):
    pass


class EnumerationValue(_Processor):
    def __init__(self, choices, default=None):
        _Processor.__init__(self, choices[0] if default is None and len(choices) > 0 else default)
        self.choices = choices


class HasEnvironment:
    def __init__(self, managers_or_parent=None, *args, **kwargs):
        self.__coredev_children__ = []
        self.__coredev_datasets__ = {}
        self.build(*args, **kwargs)

    def build(self):
        pass

    def get_device(self, key):
        if not __coredev_device_exists(key):
            raise KeyError("device '" + key + "' is not in the device database")
        return _Device(key)

    def setattr_device(self, key):
        setattr(self, key, self.get_device(key))

    def get_argument(self, key, processor, group=None, tooltip=None):
        return processor.default_value()

    def setattr_argument(self, key, processor=None, group=None, tooltip=None):
        setattr(self, key, self.get_argument(key, processor, group, tooltip))

    def get_dataset(self, key, default=None, archive=True):
        if key in self.__coredev_datasets__:
            return self.__coredev_datasets__[key]
        if default is None:
            raise KeyError("dataset '" + key + "' does not exist (coredev has no dataset store)")
        return default

    def setattr_dataset(self, key, default=None, archive=True):
        setattr(self, key, self.get_dataset(key, default, archive))

    # Datasets live in this instance for the run (coredev has no master): kernels may call these
    # as async RPCs, as on ARTIQ.
    @rpc(flags={"async"})
    def set_dataset(self, key, value, broadcast=False, persist=False, archive=True):
        self.__coredev_datasets__[key] = value

    @rpc(flags={"async"})
    def append_to_dataset(self, key, value):
        self.__coredev_datasets__[key].append(value)

    @rpc(flags={"async"})
    def mutate_dataset(self, key, index, value):
        self.__coredev_datasets__[key][index] = value


class Experiment:
    def prepare(self):
        pass

    def run(self):
        raise NotImplementedError

    def analyze(self):
        pass


class EnvExperiment(Experiment, HasEnvironment):
    pass
