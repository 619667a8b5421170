class CompileError(Exception):
    """As ARTIQ's: raised after the compiler has printed its diagnostic."""
