import math


def process_batch(events, state):
    # Sanitize readings and keep chronological order; a guardrail for flat segments.
    state = dict(state or {})
    buffer = state.get("buffer", [])
    clean = []
    for e in events or []:
        v = e.get("value")
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            clean.append(e)
    clean.sort(key=lambda e: e["ts"])
    if not clean:
        return {"events": [], "mean": 0.0, "std": 0.0, "state": {"buffer": buffer}}
    vals = [e["value"] for e in clean]
    mean = sum(vals) / len(vals)
    std = (sum((v - mean) ** 2 for v in vals) / len(vals)) ** 0.5
    kept = clean if std == 0 else [e for e in clean if abs(e["value"] - mean) / std <= 3.0]
    buffer.extend(kept)
    out = [e["value"] for e in kept]
    m = sum(out) / len(out)
    s = (sum((v - m) ** 2 for v in out) / len(out)) ** 0.5
    return {"events": kept, "mean": m, "std": s, "state": {"buffer": buffer}}
