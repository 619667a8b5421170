package org.coredev.python.eval;

import org.coredev.python.ParseException;
import org.coredev.python.lexer.Source;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Device databases in ARTIQ's style evaluate to the same dictionary as under CPython: the
 * expected JSON beside each fixture is CPython's {@code json.dumps(device_db, indent=4,
 * sort_keys=True)} (python/scripts/regen_devicedb_json.py).
 */
class DeviceDbTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(DeviceDbTest.class.getResource("/devicedb/" + name).toURI());
    }

    private static void assertSameJsonAsCPython(String name) throws Exception {
        Path py = fixture(name + ".py");
        String expected = Files.readString(fixture(name + ".json")).stripTrailing();
        assertEquals(expected, DeviceDb.toJson(DeviceDb.load(py), py.toString()));
    }

    @Test
    void kasliWithUrukulEvaluatesLikeCPython() throws Exception {
        assertSameJsonAsCPython("kasli_urukul");
    }

    @Test
    void helperFunctionsComprehensionsAndFormattingEvaluateLikeCPython() throws Exception {
        assertSameJsonAsCPython("generated_eems");
    }

    @Test
    void entriesKeepPythonValueTypes() throws Exception {
        PyDict db = DeviceDb.load(fixture("kasli_urukul.py"));
        PyDict core = assertInstanceOf(PyDict.class, db.get("core"));
        PyDict args = assertInstanceOf(PyDict.class, core.get("arguments"));
        assertEquals(1e-9, args.get("ref_period"));
        assertEquals("rv32g", args.get("target"));
        PyDict ttl5 = assertInstanceOf(PyDict.class, db.get("ttl5"));
        assertEquals("TTLOut", ttl5.get("class"));
        assertEquals(5L, ((PyDict) ttl5.get("arguments")).get("channel"));
        assertEquals("ttl4", db.get("ttl_out"));
        assertEquals(224L, ((PyDict) ((PyDict) db.get("i2c_switch0")).get("arguments")).get("address"));
    }

    @Test
    void jsonHasSortedKeysIntsFloatsAndTuplesAsLists() {
        PyDict db = DeviceDb.evaluate(new Source("db.py",
                "device_db = {'b': (1, 2.0), 'a': {'z': None, 'y': True, 'x': 1e-09, 'w': 2 ** 70}, 'c': 'é', 'd': []}\n"), s -> { });
        assertEquals("""
                {
                    "a": {
                        "w": 1180591620717411303424,
                        "x": 1e-09,
                        "y": true,
                        "z": null
                    },
                    "b": [
                        1,
                        2.0
                    ],
                    "c": "\\u00e9",
                    "d": []
                }""", DeviceDb.toJson(db, "db.py"));
    }

    @Test
    void missingDeviceDbIsReported() {
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.evaluate(new Source("db.py", "x = 1\n"), s -> { }));
        assertEquals("db.py: the file defines no 'device_db' dictionary", e.getMessage());
    }

    @Test
    void deviceDbThatIsNotADictIsReported() {
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.evaluate(new Source("db.py", "device_db = [1]\n"), s -> { }));
        assertEquals("db.py: 'device_db' is a list, not a dict", e.getMessage());
    }

    @Test
    void valueWithoutJsonFormIsReported() {
        PyDict db = DeviceDb.evaluate(new Source("db.py", "def f():\n    pass\ndevice_db = {'f': f}\n"), s -> { });
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.toJson(db, "db.py"));
        assertEquals("db.py: TypeError: Object of type function is not JSON serializable", e.getMessage());
    }

    @Test
    void evaluationErrorNamesTheLine() {
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.evaluate(new Source("db.py",
                "device_db = {}\nfor i in range(3):\n    device_db['ttl' + i] = {}\n"), s -> { }));
        assertEquals("db.py:3:15: TypeError: unsupported operand type(s) for +: 'str' and 'int'", e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void builtinGivenWrongArgumentsRaisesTypeError() {
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.evaluate(new Source("db.py",
                "device_db = {}\nname = ','.join(5)\n"), s -> { }));
        assertEquals("db.py:2:8: TypeError: 'int' object is not iterable", e.getMessage().lines().findFirst().orElseThrow());
        ParseException f = assertThrows(ParseException.class, () -> DeviceDb.evaluate(new Source("db.py",
                "device_db = {}\nx = 'abc'.replace()\n"), s -> { }));
        assertEquals("db.py:2:5: TypeError: str.replace(): invalid arguments", f.getMessage().lines().findFirst().orElseThrow());
    }

    /** Seeded corruptions of a real device database: every outcome is a dict or a ParseException. */
    @Test
    void corruptedDeviceDbNeverCrashesOrHangsTheEvaluator() throws Exception {
        String base = Files.readString(fixture("generated_eems.py"));
        java.util.Random random = new java.util.Random(42);
        String alphabet = "()[]{}:,.=+-*/%'\"\n #0123456789_aZxif";
        for (int round = 0; round < 1500; round++) {
            StringBuilder sb = new StringBuilder(base);
            for (int k = 0; k < 3; k++) {
                int at = random.nextInt(sb.length());
                if (random.nextBoolean()) sb.deleteCharAt(at);
                else sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                DeviceDb.evaluate(new Source("fuzz_db.py", sb.toString()), s -> { });
            } catch (ParseException expected) {
                // A syntax or evaluation error is fine; a Java exception caught by the last line of defence is not.
                if (expected.detail().startsWith("internal evaluator error")) {
                    throw new AssertionError("evaluator bug on round " + round + ": " + expected.getMessage() + "\n" + sb);
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("evaluator crashed on round " + round + ":\n" + sb, e);
            }
        }
    }

    @Test
    void unreadableFileIsReported() {
        ParseException e = assertThrows(ParseException.class, () -> DeviceDb.load(Path.of("/nonexistent/device_db.py")));
        assertEquals("/nonexistent/device_db.py", e.file());
    }
}
