# --- EvalPlus oracle (Gauntlet): compares a candidate's outputs with the canonical ones ---
# Embedded verbatim into every humanevalplus/mbppplus test program and imported by
# evalplus_expected.py, so the digests written at load time and checked at test time come from
# the same code. Semantics follow evalplus 0.3.1 evalplus.eval.unsafe_execute: exact `==`, the
# special oracles of HumanEval/32 (find_zero: |poly(xs, out)| <= atol) and of MBPP+ (set
# equality, "not None", recomputed answers), else (floats, or atol > 0) a type and length check
# plus numpy.allclose(out, exp, rtol=1e-7, atol). Each input has its own time limit, in CPU time.
# Deliberate differences, each an EvalPlus bug (see README): atol is decided per input (EvalPlus
# keeps a raised atol for the inputs after a float one), and find_zero passes when every root is
# within atol (EvalPlus never marks that input passed, so it fails every program).
import hashlib as _gauntlet_hashlib
import math as _gauntlet_math
import reprlib as _gauntlet_reprlib
import signal as _gauntlet_signal

_GAUNTLET_BIG_INT_BITS = 4000


class _gauntlet_digest:
    """Stands for an expected output too large to embed (e.g. a 10**6-digit int, a 100 MB string)."""

    __slots__ = ("sha", "fast")

    def __init__(self, sha, fast=None):
        self.sha = sha
        self.fast = fast


def _gauntlet_canon(v, out):
    # A text form with `a == b` implies canon(a) == canon(b) for float-free values: bools and
    # integral floats write as ints, set/frozenset and dict entries are sorted.
    t = type(v)
    if t is bool or t is int or (t is float and _gauntlet_math.isfinite(v) and v.is_integer()):
        v = int(v)
        out.append(hex(v) if v.bit_length() > _GAUNTLET_BIG_INT_BITS else str(v))
    elif t is str or t is bytes or t is float or v is None:
        out.append(repr(v))
    elif t is list or t is tuple:
        out.append("[" if t is list else "(")
        for x in v:
            _gauntlet_canon(x, out)
            out.append(",")
        out.append("]" if t is list else ")")
    elif t is set or t is frozenset or isinstance(v, dict):  # a Counter == the dict of its counts
        t = dict if isinstance(v, dict) else t
        items = []
        for k in v:
            parts = []
            _gauntlet_canon(k, parts)
            if t is dict:
                parts.append(":")
                _gauntlet_canon(v[k], parts)
            items.append("".join(parts))
        out.append(("{" if t is dict else "set{") + ",".join(sorted(items)) + "}")
    else:
        out.append("<" + t.__name__ + ">")


class _gauntlet_hash_sink:
    """A list-like sink that hashes as it goes: a 10**6-element output never becomes one string."""

    __slots__ = ("h", "parts")

    def __init__(self):
        self.h = _gauntlet_hashlib.sha256()
        self.parts = []

    def append(self, s):
        self.parts.append(s)
        if len(self.parts) >= 65536:
            self.flush()

    def flush(self):
        self.h.update("".join(self.parts).encode("utf-8", "surrogatepass"))
        self.parts.clear()


def _gauntlet_sha(v):
    sink = _gauntlet_hash_sink()
    _gauntlet_canon(v, sink)
    sink.flush()
    return sink.h.hexdigest()


def _gauntlet_fast_sha(v):
    """A digest by type and element repr, at C speed (the canonical form above walks every value
    in Python: about a minute for Mbpp/255's 1.6 million tuples). Equal digests mean equal values;
    different ones prove nothing (a set's order, 1 vs 1.0), so a mismatch falls back to the
    canonical digest. None when a repr is not available (ints past Python's digit limit)."""
    h = _gauntlet_hashlib.sha256(type(v).__name__.encode())
    try:
        for x in v if type(v) is list or type(v) is tuple else (v,):
            if type(x) is int and x.bit_length() > _GAUNTLET_BIG_INT_BITS:
                return None
            h.update(repr(x).encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    except ValueError:
        return None
    return h.hexdigest()


def _gauntlet_digest_matches(out, exp):
    if exp.fast is not None and _gauntlet_fast_sha(out) == exp.fast:
        return True
    return _gauntlet_sha(out) == exp.sha


def _gauntlet_poly(xs, x):
    return sum([coeff * _gauntlet_math.pow(x, i) for i, coeff in enumerate(xs)])


# MBPP+ tasks whose outputs are compared as sets, or only as "is not None" (evalplus/eval/_special_oracle.py)
_GAUNTLET_MBPP_SET_EQ = frozenset(
    ["similar_elements", "find_char_long", "common_in_nested_lists", "extract_singly", "larg_nnum",
     "intersection_array", "find_dissimilar", "Diff"]
)
_GAUNTLET_MBPP_NOT_NONE = frozenset(["check_str", "text_match_three", "text_starta_endb"])
# MBPP+ tasks with an oracle of their own: the expected output cannot be replaced by a digest
_GAUNTLET_MBPP_RECOMPUTED = frozenset(["are_equivalent", "sum_div", "surface_Area", "digit_distance_nums"])


def _gauntlet_surface_area(base_edge, height):
    # Mbpp/581: "height" is the perpendicular distance from the base to the apex
    slant = _gauntlet_math.sqrt((base_edge / 2) ** 2 + height**2)
    return round(base_edge**2 + 4 * (base_edge * slant) / 2)


def _gauntlet_digit_distance_nums(num1, num2):
    # Mbpp/558: both numbers padded with zeros to the same length
    a, b = str(num1), str(num2)
    width = max(len(a), len(b))
    return sum(abs(int(x) - int(y)) for x, y in zip(a.zfill(width), b.zfill(width)))


def _gauntlet_needs_values(flavour, entry_point, atol):
    """True when an expected output is compared by more than equality (it must be embedded whole)."""
    if atol:
        return True
    if flavour == "humaneval":
        return entry_point == "find_zero"
    return entry_point in _GAUNTLET_MBPP_SET_EQ or entry_point in _GAUNTLET_MBPP_RECOMPUTED


def _gauntlet_is_floats(x):
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(i, float) for i in x)
    return False


def _gauntlet_allclose(a, b, atol):
    if isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and len(a) == len(b) and all(_gauntlet_allclose(x, y, atol) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= atol + 1e-7 * abs(b)
    return a == b


def _gauntlet_special(out, exp, args, atol, entry_point, exact):
    """MBPP+'s special oracles; `exact` is whether out == exp."""
    if entry_point == "are_equivalent":  # Mbpp/164: any output that the call returns in time
        return True
    if entry_point == "sum_div":  # Mbpp/295
        return exact or out == 0
    if entry_point == "surface_Area":  # Mbpp/581
        return exact or abs(out - _gauntlet_surface_area(*args)) <= atol
    if entry_point == "digit_distance_nums":  # Mbpp/558
        return exact or out == _gauntlet_digit_distance_nums(*args)
    if entry_point in _GAUNTLET_MBPP_SET_EQ:
        return set(out) == set(exp)
    if entry_point in _GAUNTLET_MBPP_NOT_NONE:  # exp says whether the canonical output was not None
        return out == exp if isinstance(out, bool) else exp == (out is not None)
    return exact


def _gauntlet_matches(out, exp, args, atol, entry_point, flavour):
    if flavour == "humaneval" and entry_point == "find_zero":
        return abs(_gauntlet_poly(*args, out)) <= atol
    if type(exp) is _gauntlet_digest:
        return _gauntlet_digest_matches(out, exp)
    exact = out == exp
    if flavour == "mbpp":
        exact = _gauntlet_special(out, exp, args, atol, entry_point, exact)
    if atol == 0 and _gauntlet_is_floats(exp):
        atol = 1e-6  # EvalPlus enforces a tolerance on float outputs
    if exact or atol == 0:
        return bool(exact)
    if type(out) != type(exp):
        return False
    return _gauntlet_allclose(out, exp, atol)


class _gauntlet_repr(_gauntlet_reprlib.Repr):
    """Short previews for failure messages; huge ints are not converted to decimal (quadratic)."""

    def repr_int(self, x, level):
        if x.bit_length() > _GAUNTLET_BIG_INT_BITS:
            return "<an int of " + str(x.bit_length()) + " bits>"
        return super().repr_int(x, level)


def _gauntlet_preview(v):
    if type(v) is _gauntlet_digest:
        return "<a large value, sha256 " + v.sha[:12] + ">"
    try:
        return _gauntlet_repr().repr(v)
    except Exception:
        return "<" + type(v).__name__ + ">"


class _gauntlet_mute:
    """stdout sink: EvalPlus swallows candidate output; 1000 inputs of prints would flood the sandbox."""

    def write(self, s):
        return len(s)

    def flush(self):
        pass


class SandboxTimeLimit(BaseException):
    """A per-input time limit: the sandbox reports it as a timeout (a BaseException, so that a
    candidate's `except Exception` cannot swallow it)."""


# Wall clock per input, as a multiple of its CPU limit: only a program that waits (sleeps, blocks)
# meets it; a busy one meets its CPU limit first, however loaded the machine.
_GAUNTLET_WALL_FACTOR = 10


def _gauntlet_over_limit(signum, frame):
    raise SandboxTimeLimit("CPU" if signum == _gauntlet_signal.SIGPROF else "wall")


def _gauntlet_call(candidate, args, limit):
    """candidate(*args) within `limit` seconds of CPU time (and a generous wall clock)."""
    import sys

    _gauntlet_signal.signal(_gauntlet_signal.SIGPROF, _gauntlet_over_limit)
    _gauntlet_signal.signal(_gauntlet_signal.SIGALRM, _gauntlet_over_limit)
    saved = sys.stdout
    sys.stdout = _gauntlet_mute()
    _gauntlet_signal.setitimer(_gauntlet_signal.ITIMER_PROF, limit)
    _gauntlet_signal.setitimer(_gauntlet_signal.ITIMER_REAL, limit * _GAUNTLET_WALL_FACTOR)
    try:
        return candidate(*args)
    finally:
        _gauntlet_signal.setitimer(_gauntlet_signal.ITIMER_PROF, 0)
        _gauntlet_signal.setitimer(_gauntlet_signal.ITIMER_REAL, 0)
        sys.stdout = saved


def _gauntlet_check_inputs(field, candidate, inputs, expected, limits, atol, entry_point, flavour):
    for i, args in enumerate(inputs):
        shown = _gauntlet_preview(args)
        try:
            out = _gauntlet_call(candidate, args, limits[i])
        except SandboxTimeLimit as e:
            spent = f"{limits[i]:g} s of CPU time" if str(e) == "CPU" else f"{limits[i] * _GAUNTLET_WALL_FACTOR:g} s of wall clock"
            raise SandboxTimeLimit(
                f"{field}[{i}] {entry_point}(*{shown}) took over {spent}; "
                f"the limit is max(1 s, 4x the canonical solution's CPU time on this input), wall {_GAUNTLET_WALL_FACTOR}x that"
            ) from None
        except Exception as e:
            raise AssertionError(f"{field}[{i}] {entry_point}(*{shown}) raised {type(e).__name__}: {str(e)[:200]}") from e
        try:
            ok = _gauntlet_matches(out, expected[i], args, atol, entry_point, flavour)
        except Exception:
            ok = False
        if not ok:
            raise AssertionError(
                f"{field}[{i}] {entry_point}(*{shown}): expected {_gauntlet_preview(expected[i])}, got {_gauntlet_preview(out)}"
            )
