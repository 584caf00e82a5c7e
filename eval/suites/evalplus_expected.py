"""Computes EvalPlus expected outputs: runs each task's canonical solution over its inputs.

Usage: python3 evalplus_expected.py DATA_FILE OUT_JSON FLAVOUR   (FLAVOUR: humaneval | mbpp)

Runs only the dataset's own (reference) code, at suite-load time, so that a candidate never shares
a process with the reference. Writes, per task, the inputs and the expected outputs as Python
literal *source* (not JSON): HumanEval+ inputs hold integers beyond 2**53 that JSON-in-JavaScript
would round, and outputs may be tuples, sets or non-finite floats that JSON cannot say.

Also records the CPU time the canonical solution took on each input (time.process_time, as
EvalPlus records wall time per input): the per-input time limits derive from it, and CPU time
does not grow with the machine's load.

Progress goes to stderr, one task id per line, so a caller that times out can name the task.
Exit 2 with a one-line JSON error on stdout when a canonical solution breaks.
"""
import contextlib, copy, gzip, json, math, os, sys, tempfile, time


class NotLiteral(Exception):
    pass


sys.dont_write_bytecode = True  # no __pycache__ inside the project tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalplus_oracle as oracle  # noqa: E402 - the same code the test programs embed
import evalplus_mbpp_inputs  # noqa: E402

# An expected output whose literal is longer than this is stored as a digest (see the oracle).
EMBED_LIMIT = 500


class TooBig(Exception):
    pass


# collections types that an expected output may have, with the builtin value they are rebuilt from
COLLECTIONS = {"Counter": dict, "OrderedDict": dict, "defaultdict": dict, "deque": list}


def lit(v, out, budget=None):
    """Appends Python source that evaluates back to v; raises TooBig past `budget` characters."""
    t = type(v)
    if budget is not None and (t is str or t is bytes) and len(v) > budget[0]:
        raise TooBig()  # before repr()-ing a 100 MB string
    if t is int and v.bit_length() > oracle._GAUNTLET_BIG_INT_BITS:
        # hex: decimal str() of a huge int is quadratic, and Python 3.11+ refuses decimal
        # literals over 4300 digits
        out.append(("-" if v < 0 else "") + hex(abs(v)))
    elif v is None or t is bool or t is int or t is str or t is bytes or t is complex:
        out.append(repr(v))
    elif t is float:
        if math.isfinite(v):
            out.append(repr(v))
        else:
            out.append("float('nan')" if math.isnan(v) else ("float('inf')" if v > 0 else "-float('inf')"))
    elif t is list or t is tuple:
        out.append("[" if t is list else "(")
        for x in v:
            lit(x, out, budget)
            out.append(",")
        out.append("]" if t is list else ")")
    elif t is dict:
        out.append("{")
        for k, x in v.items():
            lit(k, out, budget)
            out.append(":")
            lit(x, out, budget)
            out.append(",")
        out.append("}")
    elif t is set or t is frozenset:
        # sorted by source text so the generated test code does not depend on hash seeds
        items = sorted(source(x) for x in v)
        out.append(f"{t.__name__}([{','.join(items)}])")
    elif t.__module__ == "collections" and t.__name__ in COLLECTIONS:
        # Counter, OrderedDict, defaultdict, deque: rebuilt from their contents, so the expected
        # value keeps its type (a defaultdict loses its factory, which == ignores)
        out.append(f"__import__('collections').{t.__name__}(")
        lit(COLLECTIONS[t.__name__](v), out, budget)
        out.append(")")
    else:
        raise NotLiteral(f"a value of type {t.__name__} ({repr(v)[:80]}) cannot be written as a Python literal")
    if budget is not None:
        budget[0] -= len(out[-1])
        if budget[0] < 0:
            raise TooBig()


def source(v):
    parts = []
    lit(v, parts)
    return "".join(parts)


def expected_source(v, exact):
    """The literal, or for a large output compared exactly a `_gauntlet_digest(sha)` marker that
    the test checks in linear time (HumanEval/15, /83, /130 return values of 10-100 MB)."""
    parts = []
    try:
        lit(v, parts, [EMBED_LIMIT])
        return "".join(parts)
    except TooBig:
        if not exact or oracle._gauntlet_is_floats(v):
            return source(v)  # a tolerance comparison needs the values themselves
        return f"_gauntlet_digest({oracle._gauntlet_sha(v)!r}, {oracle._gauntlet_fast_sha(v)!r})"


def read_records(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def run_task(rec, flavour):
    g = {"__name__": "__gauntlet_reference__"}
    # canonical code may print; our stdout carries the error line only
    with contextlib.redirect_stdout(oracle._gauntlet_mute()):
        try:
            exec(compile(rec["prompt"] + rec["canonical_solution"], f"<{rec['task_id']} canonical>", "exec"), g)
        except BaseException as e:  # noqa: BLE001
            raise RuntimeError(f"prompt + canonical_solution does not run: {type(e).__name__}: {str(e)[:200]}") from e
        fn = g.get(rec["entry_point"])
        if not callable(fn):
            raise RuntimeError(f"entry_point {rec['entry_point']!r} is not a function defined by prompt + canonical_solution")
        exact = not oracle._gauntlet_needs_values(flavour, rec["entry_point"], rec.get("atol"))
        out = {}
        for field in ("base_input", "plus_input"):
            inputs = rec.get(field) or []
            if flavour == "mbpp":
                inputs = evalplus_mbpp_inputs.deserialize(rec["task_id"], inputs)
            expected, times = [], []
            for i, args in enumerate(inputs):
                try:
                    # deepcopy: a solution that mutates its arguments must not change the recorded input
                    call_args = copy.deepcopy(args)
                    t0 = time.process_time()
                    expected.append(fn(*call_args))
                    times.append(round(time.process_time() - t0, 6))
                except BaseException as e:  # noqa: BLE001
                    raise RuntimeError(f"{field}[{i}]: canonical_solution raised {type(e).__name__}: {str(e)[:200]}") from e
            if flavour == "mbpp" and rec["entry_point"] in oracle._GAUNTLET_MBPP_NOT_NONE:
                expected = [v is not None for v in expected]  # as EvalPlus: these outputs are not comparable
            out[field.replace("_input", "_time")] = times
            try:
                out[field] = source(inputs)
            except NotLiteral as e:
                raise RuntimeError(f"{field}: {e}") from e
            srcs = []
            for i, v in enumerate(expected):
                try:
                    srcs.append(expected_source(v, exact))
                except NotLiteral as e:
                    raise RuntimeError(f"{field}[{i}]: the canonical output {e}") from e
            out[field.replace("_input", "_expected")] = "[" + ",".join(srcs) + "]"
    return out


def main():
    data_file, out_file, flavour = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.setrecursionlimit(10000)
    sys.set_int_max_str_digits(0) if hasattr(sys, "set_int_max_str_digits") else None
    tasks = {}
    with tempfile.TemporaryDirectory(prefix="gauntlet-evalplus-") as d:
        os.chdir(d)
        for rec in read_records(data_file):
            tid = rec["task_id"]
            print(tid, file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                tasks[tid] = run_task(rec, flavour)
                tasks[tid]["seconds"] = round(time.perf_counter() - t0, 4)
            except Exception as e:  # noqa: BLE001
                print(json.dumps({"task_id": tid, "message": str(e)}))
                sys.exit(2)
    with open(out_file, "w") as f:
        json.dump({"tasks": tasks}, f)


main()
