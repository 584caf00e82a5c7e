import math
import statistics

MAX_BUFFER = 240
MAX_RETRIES = 3


def _numeric(v):
    """A finite float from a reading, or None (NaN, inf, junk strings, bools are dropped)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        f = float(v)
    elif isinstance(v, str):
        try:
            f = float(v.strip())
        except ValueError:
            return None
    else:
        return None
    return f if math.isfinite(f) else None


def _robust_keep(events):
    """Per-sensor median/MAD guardrail: drops heavy-tail spikes, keeps minority sensors and flat segments."""
    by_sensor = {}
    for e in events:
        by_sensor.setdefault(e["sensor"], []).append(e)
    kept = []
    for group in by_sensor.values():
        vals = [e["value"] for e in group]
        med = statistics.median(vals)
        mad = statistics.median(abs(v - med) for v in vals)
        if mad == 0:
            # Flat segment: no spread to divide by; only values far from the plateau are spikes.
            kept.extend(e for e in group if abs(e["value"] - med) <= max(1.0, abs(med)) * 0.5)
            continue
        kept.extend(e for e in group if abs(e["value"] - med) / (1.4826 * mad) <= 6.0)
    return sorted(kept, key=lambda e: e["ts"])


def process_batch(events, state):
    state = dict(state or {})
    buffer = list(state.get("buffer", []))
    retries = int(state.get("retries", 0))
    clean = []
    dropped = 0
    for e in events or []:
        v = _numeric(e.get("value"))
        ts = _numeric(e.get("ts"))
        if v is None or ts is None:
            dropped += 1
            continue
        clean.append({"ts": ts, "sensor": str(e.get("sensor", "?")), "value": v})
    clean.sort(key=lambda e: e["ts"])
    if not clean:
        retries = min(retries + 1, MAX_RETRIES)
        telemetry = {"received": len(events or []), "dropped": dropped, "kept": 0, "retries": retries, "guardrail": "empty batch"}
        return {"events": [], "mean": 0.0, "std": 0.0, "state": {"buffer": buffer[-MAX_BUFFER:], "retries": retries}, "telemetry": telemetry}
    kept = _robust_keep(clean)
    buffer.extend(kept)
    buffer = buffer[-MAX_BUFFER:]
    vals = [e["value"] for e in kept]
    mean = statistics.fmean(vals)
    std = statistics.pstdev(vals) if len(vals) > 1 else 0.0
    telemetry = {"received": len(events), "dropped": dropped, "trimmed": len(clean) - len(kept), "kept": len(kept), "retries": 0}
    return {"events": kept, "mean": mean, "std": std, "state": {"buffer": buffer, "retries": 0}, "telemetry": telemetry}
