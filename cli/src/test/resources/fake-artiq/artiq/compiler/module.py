"""Test stand-in for ARTIQ's compiler: a program's first line names the kernel image it
"compiles" to ("# image: PATH"), or "# error: TEXT" reports a compile error."""
from pythonparser.diagnostic import Diagnostic


class Source:
    def __init__(self, text, name, engine):
        self.text, self.buffer_name, self.engine = text, name, engine
        self.name = name

    @classmethod
    def from_string(cls, text, name="input.py", engine=None):
        return cls(text, name, engine)


class Module:
    def __init__(self, source):
        first = source.text.splitlines()[0]
        if first.startswith("# error: "):
            source.engine.process(Diagnostic("error", "%s:1:1: error: %s" % (source.buffer_name, first[9:])))
        # An entry point named "<name>.__modinit__" would not run on the board: the driver must clear the name.
        assert source.name == "", "the module must be unnamed, as ARTIQ's stitcher makes it"
        self.image_path = first[len("# image: "):]
