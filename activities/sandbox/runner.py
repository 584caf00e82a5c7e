"""Runs one program from stdin in a private temp dir and prints one JSON result line on fd 3.

v0: fresh interpreter per sample. The result is written only by this harness after the program
returned, so a candidate's sys.exit(0) cannot fake a pass.
"""
import json, os, sys, tempfile, traceback

def main():
    src = sys.stdin.read()
    out = os.fdopen(3, "w")
    with tempfile.TemporaryDirectory(prefix="gauntlet-") as d:
        os.chdir(d)
        g = {"__name__": "__main__"}
        try:
            exec(compile(src, "<candidate>", "exec"), g)
            res = {"status": "passed"}
        except SystemExit as e:
            res = {"status": "failed", "exceptionType": "SystemExit", "message": str(e.code)}
        except BaseException as e:  # noqa: BLE001 - every candidate exception is a failure
            res = {"status": "failed", "exceptionType": type(e).__name__, "message": str(e)[:500]}
            traceback.print_exc()
    out.write(json.dumps(res) + "\n")
    out.flush()

main()
