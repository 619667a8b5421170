"""Test stand-in for artiq_run: the experiment file's first line is "# " and the path of a kernel
image (or "# compile error"); the image is loaded and run on the core device the device database names."""
import argparse
import runpy
import sys

from artiq.coredevice import core
from artiq.coredevice.comm_kernel import Session, R_KERNEL_FINISHED
from artiq.coredevice.core import CompileError


def main():
    try:
        _run()
    except CompileError:
        return   # as artiq_run does: the compiler has printed the error


def _run():
    p = argparse.ArgumentParser()
    p.add_argument("--device-db")
    p.add_argument("--dataset-db")
    p.add_argument("-c", "--class-name")
    p.add_argument("-o", "--hdf5")
    p.add_argument("file")
    p.add_argument("arguments", nargs="*")
    args = p.parse_args()
    db = runpy.run_path(args.device_db)["device_db"]
    host = db["core"]["arguments"]["host"]
    print("fake artiq_run: class=%s arguments=%s hdf5=%s" % (args.class_name, args.arguments, args.hdf5))
    spec = open(args.file).readline()[2:].strip()   # "# PATH" or "# compile error"
    if spec == "compile error":
        sys.stderr.write("%s:1:1: error: a compile error\n" % args.file)
        raise core.CompileError()   # raised in core.py, as ARTIQ's Core.compile does
    reply = Session(host).run_image(spec)
    print("fake artiq_run: kernel reply %d" % reply)
    sys.exit(0 if reply == R_KERNEL_FINISHED else 1)
