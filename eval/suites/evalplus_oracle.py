# --- EvalPlus oracle (Gauntlet): compares a candidate's outputs with the canonical ones ---
# Embedded verbatim into every humanevalplus test program and imported by evalplus_expected.py,
# so the digests written at load time and checked at test time come from the same code.
# Semantics follow evalplus.eval.unsafe_execute: exact `==`, else (floats, or atol > 0) a type and
# length check plus numpy.allclose(out, exp, rtol=1e-7, atol); find_zero checks |poly(xs, out)| <= atol.
# Differences: atol is decided per input (EvalPlus keeps a raised atol for the following inputs),
# and there are no per-input time limits (the sandbox's wall clock bounds the whole program).
import hashlib as _gauntlet_hashlib
import math as _gauntlet_math
import reprlib as _gauntlet_reprlib

_GAUNTLET_BIG_INT_BITS = 4000


class _gauntlet_digest:
    """Stands for an expected output too large to embed (e.g. a 10**6-digit int, a 100 MB string)."""

    __slots__ = ("sha",)

    def __init__(self, sha):
        self.sha = sha


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
    elif t is set or t is frozenset or t is dict:
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


def _gauntlet_sha(v):
    parts = []
    _gauntlet_canon(v, parts)
    return _gauntlet_hashlib.sha256("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _gauntlet_poly(xs, x):
    return sum([coeff * _gauntlet_math.pow(x, i) for i, coeff in enumerate(xs)])


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


def _gauntlet_matches(out, exp, args, atol, entry_point):
    if entry_point == "find_zero":
        return abs(_gauntlet_poly(*args, out)) <= atol
    if type(exp) is _gauntlet_digest:
        return _gauntlet_sha(out) == exp.sha
    if out == exp:
        return True
    if atol == 0 and _gauntlet_is_floats(exp):
        atol = 1e-6
    if atol == 0 or type(out) != type(exp):
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


def _gauntlet_check_inputs(field, candidate, inputs, expected, atol, entry_point):
    import sys

    for i, args in enumerate(inputs):
        shown = _gauntlet_preview(args)
        saved = sys.stdout
        sys.stdout = _gauntlet_mute()
        try:
            out = candidate(*args)
        except Exception as e:
            raise AssertionError(f"{field}[{i}] {entry_point}(*{shown}) raised {type(e).__name__}: {str(e)[:200]}") from e
        finally:
            sys.stdout = saved
        try:
            ok = _gauntlet_matches(out, expected[i], args, atol, entry_point)
        except Exception:
            ok = False
        if not ok:
            raise AssertionError(
                f"{field}[{i}] {entry_point}(*{shown}): expected {_gauntlet_preview(expected[i])}, got {_gauntlet_preview(out)}"
            )
