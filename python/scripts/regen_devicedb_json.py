#!/usr/bin/env python3
"""Regenerates the expected JSON of the device-database test fixtures with CPython.

Run from the repository root:  python3 python/scripts/regen_devicedb_json.py
For every python/src/test/resources/devicedb/NAME.py, runs the file as a module (as ARTIQ
imports a device database) and writes json.dumps(device_db, indent=4, sort_keys=True) to
NAME.json beside it. DeviceDbTest checks that coredev's evaluator prints the same text.
"""
import json
import os
import runpy

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "devicedb")

for name in sorted(os.listdir(HERE)):
    if name.endswith(".py"):
        g = runpy.run_path(os.path.join(HERE, name), run_name="device_db")
        with open(os.path.join(HERE, name[:-3] + ".json"), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(g["device_db"], indent=4, sort_keys=True) + "\n")
