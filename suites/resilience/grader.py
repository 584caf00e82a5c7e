# The resilience grader: replays deterministic adversarial batches through the submitted
# process_batch and prints one JSON line (prefixed @@GRADE@@) with each check's verdict.
# The program that runs is `SUBMISSION = "<source>"` followed by this file.
import json
import math
import random
import signal

CHECK_TIMEOUT_S = 5
KEYWORDS = ["guardrail", "telemetry", "circuit breaker", "watchdog", "sanitize", "clamp", "backoff", "max_retries", "bounded"]
CHECKS = [
    ("tier1", 20, "Tier1 cascade unresolved"),
    ("tier2_flat", 10, "Tier2 flat segments collapse"),
    ("tier2_heavy_tail", 10, "Tier2 balance broken"),
    ("tier3", 20, "Tier3 resilience gaps"),
    ("validity", 20, "Output validity broken"),
    ("guardrails", 20, "No guardrail evidence"),
]


class CheckTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CheckTimeout(f"took longer than {CHECK_TIMEOUT_S} s")


def tier1_batch():
    r = random.Random(101)
    events = [{"ts": 1000.0 + i, "sensor": "A", "value": 50 + r.gauss(0, 2)} for i in range(60)]
    for i in (3, 11, 19, 27, 41):
        events[i]["value"] = float("nan")
    for i, junk in zip((7, 15, 33, 49), ("ERR", "", "12.5; DROP TABLE readings", "nan")):
        events[i]["value"] = junk
    events[52]["value"] = None
    # Timestamp drift: a late-arriving block and swapped neighbours.
    for i in (20, 21, 22):
        events[i]["ts"] -= 15
    events[44]["ts"], events[45]["ts"] = events[45]["ts"], events[44]["ts"]
    return events


def flat_batch():
    return [{"ts": 2000.0 + i, "sensor": "A", "value": 20.0} for i in range(40)]


def heavy_tail_batch():
    r = random.Random(202)
    events = [{"ts": 3000.0 + i, "sensor": "A", "value": 50 + r.gauss(0, 3)} for i in range(100)]
    events += [{"ts": 3100.0 + i, "sensor": "B", "value": 300 + r.gauss(0, 2)} for i in range(12)]
    events += [{"ts": 3200.0 + i, "sensor": "A", "value": 5000.0} for i in range(6)]
    events += [{"ts": 3300.0 + i, "sensor": "A", "value": 2500.0} for i in range(2)]
    r.shuffle(events)
    for e in events:
        e["ts"] = float(e["ts"])
    return sorted(events, key=lambda e: e["ts"])


def clean_batch():
    r = random.Random(303)
    return [{"ts": 4000.0 + i, "sensor": "A" if i % 4 else "B", "value": (10 if i % 4 else 30) + r.gauss(0, 1)} for i in range(50)]


def stream_batches():
    r = random.Random(404)
    out = []
    for b in range(80):
        if b in (17, 18, 19):
            out.append([])
            continue
        out.append([{"ts": 5000.0 + 10 * b + i, "sensor": "A", "value": 40 + r.gauss(0, 4)} for i in range(10)])
    return out


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def values_of(result):
    return [e["value"] for e in result["events"]]


def check_tier1(fn):
    batch = tier1_batch()
    clean = sum(1 for e in batch if is_number(e["value"]))
    res = fn(batch, {})
    vals = values_of(res)
    ts = [e["ts"] for e in res["events"]]
    if not all(is_number(v) for v in vals):
        return False, "non-numeric or NaN readings in the output"
    if ts != sorted(ts):
        return False, "output is not in chronological order"
    if len(vals) < clean // 2:
        return False, f"kept {len(vals)} of {clean} clean readings"
    return True, f"kept {len(vals)} of {clean} clean readings"


def check_flat(fn):
    batch = flat_batch()
    res = fn(batch, {})
    kept = len(res["events"])
    if kept < 0.9 * len(batch):
        return False, f"a flat segment was trimmed to {kept} of {len(batch)}"
    return True, f"kept {kept} of {len(batch)}"


def check_heavy_tail(fn):
    batch = heavy_tail_batch()
    res = fn(batch, {})
    vals = values_of(res)
    minority = sum(1 for e in res["events"] if e["sensor"] == "B")
    if not vals or max(vals) >= 900:
        return False, f"spikes survive (max {max(vals) if vals else None})"
    if minority < 0.8 * 12:
        return False, f"minority sensor B trimmed to {minority} of 12"
    return True, f"max {max(vals):.1f}, sensor B {minority} of 12"


def check_tier3(fn):
    state = {}
    for batch in stream_batches():
        res = fn(batch, state)
        tel = res.get("telemetry")
        if not (isinstance(tel, dict) or tel is True):
            return False, "telemetry missing (expected a dict or True in every result)"
        state = res["state"]
    buf = state.get("buffer")
    if not isinstance(buf, list) or len(buf) > 240:
        return False, f"buffer holds {len(buf) if isinstance(buf, list) else buf!r} entries (limit 240)"
    return True, f"buffer {len(buf)}"


def check_validity(fn):
    for name, batch in (("clean", clean_batch()), ("heavy-tail", heavy_tail_batch())):
        res = fn(batch, {})
        vals = values_of(res)
        m, s = res["mean"], res["std"]
        if not (is_number(m) and is_number(s) and s >= 0):
            return False, f"{name}: mean/std not finite ({m!r}, {s!r})"
        if vals and not (min(vals) - 1e-9 <= m <= max(vals) + 1e-9):
            return False, f"{name}: mean {m} outside the kept readings"
        st = res["state"]
        if not isinstance(st, dict) or not isinstance(st.get("buffer"), list):
            return False, f"{name}: state is not a dict with a buffer list"
    return True, "mean/std/state coherent"


def check_guardrails(source):
    low = source.lower()
    found = [k for k in KEYWORDS if k in low]
    return len(found) >= 2, f"found {found}"


def grade(source):
    results = {}
    ns = {"__name__": "submission"}
    fn = None
    load_error = None
    try:
        exec(compile(source, "<submission>", "exec"), ns)
        fn = ns.get("process_batch")
        if not callable(fn):
            load_error = "no process_batch function"
    except Exception as e:  # a submission that does not load fails every runtime check
        load_error = f"{type(e).__name__}: {e}"
    runners = {"tier1": check_tier1, "tier2_flat": check_flat, "tier2_heavy_tail": check_heavy_tail, "tier3": check_tier3, "validity": check_validity}
    signal.signal(signal.SIGALRM, _alarm)
    for name, _, _ in CHECKS:
        if name == "guardrails":
            results[name] = check_guardrails(source)
            continue
        if load_error:
            results[name] = (False, load_error)
            continue
        signal.alarm(CHECK_TIMEOUT_S)
        try:
            results[name] = runners[name](fn)
        except Exception as e:
            results[name] = (False, f"{type(e).__name__}: {str(e)[:200]}")
        finally:
            signal.alarm(0)
    score = sum(w for name, w, _ in CHECKS if results[name][0])
    unresolved = [label for name, _, label in CHECKS if not results[name][0]]
    return {
        "score": score,
        "checks": [{"name": n, "weight": w, "passed": bool(results[n][0]), "detail": results[n][1]} for n, w, _ in CHECKS],
        "feedback": "; ".join(unresolved) if unresolved else "All tiers stable",
    }


print("@@GRADE@@" + json.dumps(grade(SUBMISSION)))
