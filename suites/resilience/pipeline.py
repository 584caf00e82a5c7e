def process_batch(events, state):
    """Cleans one batch of sensor events and returns {"events", "mean", "std", "state"}.

    events: list of {"ts": float, "sensor": str, "value": float}
    state:  dict carried from the previous batch (the caller passes back result["state"])
    """
    state = dict(state or {})
    buffer = state.get("buffer", [])
    retries = state.get("retries", 0)
    if not events:
        # Upstream hiccup: ask again next time.
        retries += 1
        state["retries"] = retries
        state["buffer"] = buffer
        return {"events": [], "mean": 0.0, "std": 0.0, "state": state}
    values = [e["value"] for e in events]
    mean = sum(values) / len(values)
    std = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    kept = []
    for e in events:
        z = (e["value"] - mean) / std
        if abs(z) < 1.0:
            kept.append(e)
    buffer.extend(kept)
    state["buffer"] = buffer
    state["retries"] = retries
    out = [e["value"] for e in kept] or values
    m = sum(out) / len(out)
    s = (sum((v - m) ** 2 for v in out) / len(out)) ** 0.5
    return {"events": kept, "mean": m, "std": s, "state": state}
