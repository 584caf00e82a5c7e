# Gauntlet's unittest harness (prepended to the program by sandbox/unittest-program.ts): runs a
# task's unittest.TestCase classes the way BigCodeBench's own harness does (the candidate and the
# tests executed together as module "__test__", every test of TestCases run with a plain
# TestResult), records each test's outcome, prints them on one marked line, and raises when any
# test did not pass, so the sandbox reports a pass only when all of them did. A test that calls
# sys.exit is an error of that test (unittest catches SystemExit), not the end of the run.
def _gauntlet_unittest(source, marker):
    import builtins
    import json
    import os
    import sys
    import time
    import types
    import unittest

    os.environ.setdefault("TZ", "UTC")
    if hasattr(time, "tzset"):
        time.tzset()
    try:  # headless plots, a clean figure state per sample (BigCodeBench's reliability_guard does the same)
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        plt.close("all")
    except Exception:  # noqa: BLE001 - environments without matplotlib
        pass

    detail_limit = 400
    outcomes, details = {}, {}

    def report():
        line = json.dumps({"tests": outcomes, "details": details})
        for s in (sys.stdout, sys.stderr):
            try:
                s.flush()
            except Exception:  # noqa: BLE001
                pass
        sys.__stdout__.write("\n" + marker + line + "\n")
        sys.__stdout__.flush()

    module = types.ModuleType("__test__")
    module.__dict__.update({"__builtins__": builtins, "__file__": "__test__.py", "sys": sys, "os": os, "environ": os.environ})
    sys.modules["__test__"] = module
    try:
        exec(compile(source, "__test__.py", "exec"), module.__dict__)
    except BaseException as e:  # noqa: BLE001 - the candidate (or the tests' module code) broke before any test ran
        details["ALL"] = f"{type(e).__name__}: {e}"[:detail_limit]
        report()
        raise
    cases = [v for k, v in module.__dict__.items() if isinstance(v, type) and issubclass(v, unittest.TestCase) and v.__module__ == "__test__"]
    named = module.__dict__.get("TestCases")
    if isinstance(named, type) and issubclass(named, unittest.TestCase):
        cases = [named]  # BigCodeBench runs TestCases only
    if not cases:
        details["ALL"] = "the tests define no unittest.TestCase class"
        report()
        raise AssertionError(details["ALL"])

    class Result(unittest.TestResult):
        def _name(self, test):
            return test.id().split(".")[-1] if hasattr(test, "id") else str(test)

        def addSuccess(self, test):
            super().addSuccess(test)
            outcomes[self._name(test)] = "passed"

        def _bad(self, kind, test, err):
            name = self._name(test)
            outcomes[name] = kind
            exc = err[1]
            details.setdefault(name, f"{type(exc).__name__}: {exc}"[:detail_limit])

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self._bad("failed", test, err)

        def addError(self, test, err):
            super().addError(test, err)
            self._bad("error", test, err)

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            outcomes[self._name(test)] = "skipped"

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            outcomes[self._name(test)] = "passed"

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            outcomes[self._name(test)] = "failed"
            details.setdefault(self._name(test), "unexpected success")

    result = Result()
    loader = unittest.TestLoader()
    for case in cases:
        loader.loadTestsFromTestCase(case).run(result)
    report()
    bad = [n for n, o in outcomes.items() if o in ("failed", "error")]
    if bad or result.errors or result.failures:
        first = bad[0] if bad else "setUpClass"
        raise AssertionError(f"{len(bad) or 1} of {len(outcomes) or 1} tests did not pass; first: {first}: {details.get(first, '')}")
