"""Test stand-in for ARTIQ's hardware test bench: an ExperimentCase reaches the core device that
$ARTIQ_ROOT/device_db.py names, as ARTIQ's does (here by raw kernel-session requests)."""
import os
import runpy
import unittest

from artiq.coredevice.comm_kernel import Session


class ExperimentCase(unittest.TestCase):
    def setUp(self):
        db = runpy.run_path(os.path.join(os.environ["ARTIQ_ROOT"], "device_db.py"))["device_db"]
        self.session = Session(db["core"]["arguments"]["host"])

    def tearDown(self):
        self.session.close()

    def run_image(self, path):
        return self.session.run_image(path)

    def gateware_version(self):
        return self.session.gateware_version()
