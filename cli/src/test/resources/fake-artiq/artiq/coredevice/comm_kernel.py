"""Test stand-in for ARTIQ's kernel session: loads and runs a kernel image, asks the board what it runs."""
import socket
import struct
import sys

SYSTEM_INFO, LOAD_KERNEL, RUN_KERNEL = 3, 5, 6
R_SYSTEM_INFO, R_LOAD_COMPLETED, R_KERNEL_FINISHED = 2, 5, 7


class Session:
    def __init__(self, host):
        self.sock = socket.create_connection((host, 1381))
        self.sock.sendall(b"ARTIQ coredev\n")
        self.sock.recv(1)   # the board's endianness: "e", little, for RISC-V

    def close(self):
        self.sock.close()

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("core device closed the connection")
            data += chunk
        return data

    def _reply(self):
        sync = 0
        while sync < 4:
            sync = sync + 1 if self._read(1) == b"\x5a" else 0
        return self._read(1)[0]

    def run_image(self, path):
        """Loads and runs the image; the reply's type (R_KERNEL_FINISHED when it finished)."""
        kernel = open(path, "rb").read()
        self.sock.sendall(b"\x5a" * 4 + bytes([LOAD_KERNEL]) + struct.pack("<I", len(kernel)) + kernel)
        if self._reply() != R_LOAD_COMPLETED:
            sys.exit("fake artiq: load failed")
        self.sock.sendall(b"\x5a" * 4 + bytes([RUN_KERNEL]))
        return self._reply()

    def gateware_version(self):
        """The version the board's firmware reports, as ARTIQ's check_system_info reads it."""
        self.sock.sendall(b"\x5a" * 4 + bytes([SYSTEM_INFO]))
        if self._reply() != R_SYSTEM_INFO or self._read(4) != b"AROR":
            sys.exit("fake artiq: no system information")
        (length,) = struct.unpack("<I", self._read(4))
        return self._read(length).decode().split(";")[0]
