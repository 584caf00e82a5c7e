"""Child side of one sample: runs in a freshly forked process (fork server and fresh mode alike).

Order matters: new session (so a timeout kills the whole group), standard fds onto the capture
pipes and every other inherited fd closed (the child must not reach the server's channels or
locks), limits, private working dir, scrubbed environment, uid drop, then the program. The result
goes to RESULT_FD only after the program ran to its end and is prefixed with a per-sample nonce:
a program that exits early, closes the channel or writes to it cannot produce a pass.
(Code that deliberately introspects this harness's frames could find the nonce; containing that
needs a process boundary between the tests and the candidate, which HumanEval-style tests lack.)
"""
import builtins
import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
import types

import isolation
import uids

RESULT_FD = 3
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
MESSAGE_LIMIT = 500
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
# Tests that time each test case themselves raise an exception of this class name (see SandboxLimit).
TEST_TIME_LIMIT = "SandboxTimeLimit"


def _limits(timeout_ms, cpu_timeout_ms, memory_mb, nproc, fsize_mb):
    if cpu_timeout_ms:
        cpu = max(1, -(-cpu_timeout_ms // 1000))
    else:
        cpu = max(1, -(-timeout_ms // 1000)) + 1  # a CPU-time backstop slightly above the wall clock
    for res, soft, hard in (
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, memory_mb << 20, memory_mb << 20),
        (resource.RLIMIT_NPROC, nproc, nproc),
        (resource.RLIMIT_FSIZE, fsize_mb << 20, fsize_mb << 20),
        (resource.RLIMIT_NOFILE, 256, 256),
        (resource.RLIMIT_CORE, 0, 0),
    ):
        resource.setrlimit(res, (soft, hard))


def _workdir(path, uid):
    os.mkdir(path, 0o700)
    if uid is not None:
        os.chown(path, uid, uids.GID)
    os.chdir(path)
    # An environment's per-sample variables (thread counts, TZ, matplotlib backend), set by the server's owner.
    extra = json.loads(os.environ.get("GAUNTLET_SANDBOX_CHILD_ENV") or "{}")
    os.environ.clear()
    os.environ.update(PATH=SAFE_PATH, HOME=path, TMPDIR=path, LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    os.environ.update(extra)
    if "TZ" in extra and hasattr(time, "tzset"):
        time.tzset()
    tempfile.tempdir = path  # tempfile caches its directory: point it at the private one


def _report(nonce, result):
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except Exception:  # noqa: BLE001 - the program may have closed its streams
            pass
    os.write(RESULT_FD, (nonce + " " + json.dumps(result) + "\n").encode())


def _run_program(source, module_name):
    # A real module in sys.modules: dataclasses, typing and pickle look a class's module up by name.
    module = types.ModuleType(module_name)
    module.__builtins__ = builtins
    sys.modules[module_name] = module
    try:
        exec(compile(source, "<candidate>", "exec"), module.__dict__)
        return {"status": "passed"}
    except BaseException as e:  # noqa: BLE001 - every exception of the program (even SystemExit) is a failure
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)  # without this harness's frame
        name = type(e).__name__
        if name == TEST_TIME_LIMIT:
            return {"status": "timeout", "limit": "test", "message": str(e)[:MESSAGE_LIMIT]}
        res = {"status": "failed", "exceptionType": name, "message": str(e)[:MESSAGE_LIMIT]}
        return {**res, "limit": "memory"} if isinstance(e, MemoryError) else res


def _has_children():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def run(req, fds, uid, workdir, nonce):
    """Never returns. `fds` = (devnull, stdout_w, stderr_w, result_w) opened by the parent."""
    code = 0
    try:
        # The server's sys.std* objects are reused as they are: it never buffers in them, so they
        # start empty and, after the dup2s, write to this sample's pipes.
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(RESULT_FD + 1, 1 << 16)
        # Orphaned descendants (daemons) become our children, not init's: so "no children left"
        # at the end proves there is nothing to clean up.
        isolation.prctl(PR_SET_CHILD_SUBREAPER, 1)
        _limits(req["timeout_ms"], req.get("cpu_timeout_ms"), req["memory_mb"], req["nproc"], req["fsize_mb"])
        _workdir(workdir, uid)
        if uid is not None:
            uids.drop_to(uid)
            # Set after the uid change (which clears it): the sample dies with its parent.
            isolation.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        isolation.prctl(PR_SET_NO_NEW_PRIVS, 1)
    except BaseException as e:  # noqa: BLE001 - the sandbox broke, not the program
        _report(nonce, {"status": "error", "message": f"sandbox child setup failed: {type(e).__name__}: {e}"})
        os._exit(70)
    try:
        source, module_name = req["program"], req.get("module_name") or "__gauntlet_program__"
        del req
        _report(nonce, _run_program(source, module_name))
        if uid is not None and _has_children():
            uids.kill_all_of_current_uid()  # costs a walk over every process: only when needed
    except BaseException:  # noqa: BLE001 - e.g. the program closed RESULT_FD: no result, the parent decides
        code = 71
    os._exit(code)

