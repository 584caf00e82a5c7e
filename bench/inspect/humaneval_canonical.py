"""HumanEval 164 x EPOCHS in Inspect AI with the canonical solution as the answer (no model call):
the peer's side of bench/inspect-compare.ts. The scorer is inspect_evals' HumanEval `verify`
(prompt + answer + test + check(entry_point), run with `python -c` in the local sandbox)."""
import gzip, json, os, sys, time

from inspect_ai import Task, eval as inspect_eval, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ModelOutput
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer
from inspect_ai.solver import Generate, TaskState, solver
from inspect_ai.util import sandbox

DATA, EPOCHS, LOG_DIR = sys.argv[1], int(sys.argv[2]), sys.argv[3]


@solver
def canonical():
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state.output = ModelOutput.from_content(model="canonical", content=state.metadata["canonical_solution"])
        return state

    return solve


@scorer(metrics=[accuracy()])
def verify():
    async def score(state: TaskState, target: Target) -> Score:
        m = state.metadata
        code = "".join([m["prompt"], state.output.completion, "\n", m["test"], "\n", f"check({m['entry_point']})"])
        r = await sandbox().exec(cmd=["python3", "-c", code], timeout=30)
        return Score(value=CORRECT if r.success else INCORRECT)

    return score


@task
def humaneval_canonical():
    with gzip.open(DATA, "rt") as f:
        rows = [json.loads(l) for l in f if l.strip()]
    samples = [Sample(id=r["task_id"], input=r["prompt"], metadata=r) for r in rows]
    return Task(dataset=MemoryDataset(samples), solver=canonical(), scorer=verify(), sandbox="local", epochs=EPOCHS)


t0 = time.perf_counter()
logs = inspect_eval(humaneval_canonical(), model="mockllm/model", log_dir=LOG_DIR, display="none")
wall = time.perf_counter() - t0
res = logs[0].results
acc = res.scores[0].metrics["accuracy"].value if res and res.scores else None
print(json.dumps({"wall_s": wall, "accuracy": acc, "samples": res.completed_samples if res else None, "status": logs[0].status}))
