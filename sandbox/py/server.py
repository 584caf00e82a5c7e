"""Sandbox server: reads sample requests as JSON lines on stdin, forks one child per sample (see
child.py), and answers each as a JSON line on stdout with the request's id, in completion order.

Fork-server mode keeps one of these alive with common modules preloaded (`--preload`), so a sample
costs a fork instead of an interpreter start. Fresh mode starts one per sample; both share all
code below. The server exits when stdin closes and every sample in flight has been answered.

Line protocol (stdout): first {"hello": {...}}, then {"id", "status", ...} per request.
"""
import gc
import json
import os
import selectors
import shutil
import signal
import sys
import time

import child
import isolation
import uids

PRELOAD = (
    "abc array ast base64 binascii bisect calendar cmath codecs collections collections.abc contextlib copy "
    "csv dataclasses datetime decimal difflib enum fractions functools hashlib heapq io itertools json "
    "math numbers operator pathlib pprint queue random re statistics string struct textwrap threading "
    "time types typing unicodedata uuid weakref zlib"
).split()
DEFAULTS = {"timeout_ms": 10_000, "memory_mb": 1024, "nproc": 64, "fsize_mb": 64}
TAIL_BYTES = 4096
RESULT_LIMIT = 1 << 16
DRAIN_GRACE_S = 0.5  # after the child died, how long escaped holders of its pipes may keep them


class Tail:
    """The last TAIL_BYTES of a stream plus its total size."""

    __slots__ = ("buf", "total")

    def __init__(self):
        self.buf = bytearray()
        self.total = 0

    def add(self, chunk):
        self.total += len(chunk)
        self.buf += chunk
        if len(self.buf) > 2 * TAIL_BYTES:
            del self.buf[:-TAIL_BYTES]

    def text(self):
        return bytes(self.buf[-TAIL_BYTES:]).decode("utf-8", "replace")


class Sample:
    __slots__ = ("id", "pid", "uid", "workdir", "nonce", "t0", "deadline", "streams", "open", "wait_status",
                 "timed_out", "drain_deadline", "reported_clean", "cpu_s")

    def __init__(self, rid, uid, workdir, nonce, timeout_ms):
        self.id, self.uid, self.workdir, self.nonce = rid, uid, workdir, nonce
        self.t0 = time.monotonic()
        self.deadline = self.t0 + timeout_ms / 1000
        self.streams = {"stdout": Tail(), "stderr": Tail(), "result": Tail()}
        self.open = 3
        self.pid = self.wait_status = self.drain_deadline = None
        self.timed_out = False
        self.reported_clean = False
        self.cpu_s = None


class Server:
    def __init__(self, drop_uid):
        self.sel = selectors.DefaultSelector()
        self.samples = {}  # pid -> Sample
        self.killers = {}  # pid -> uid released when the killer is reaped
        self.stdin_open = True
        self.inbuf = bytearray()
        pool, why = None, None
        if drop_uid and os.geteuid() == 0:
            try:
                pool = uids.UidPool()  # before setup(): its lock directory must be the host's
            except OSError as e:
                why = f"uid locks unavailable ({e})"
        self.isolation = isolation.setup()
        os.chdir("/")
        self.pool = self._probe_uid_drop(pool, drop_uid, why)
        self.devnull = os.open(os.devnull, os.O_RDWR)
        r, w = os.pipe()
        os.set_blocking(r, False)
        os.set_blocking(w, False)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(w)
        self.sel.register(r, selectors.EVENT_READ, ("wakeup", None))
        os.set_blocking(0, False)
        self.sel.register(0, selectors.EVENT_READ, ("stdin", None))

    def _probe_uid_drop(self, pool, wanted, why):
        """A uid drop that breaks imports would fail every sample: check it once, up front."""
        notes = self.isolation["notes"]
        if pool is None:
            reason = why or ("disabled by --no-uid-drop" if not wanted else "not root")
            notes.append(f"no uid drop ({reason}): samples keep the server's uid, RLIMIT_NPROC is shared or void")
            return None
        uid = pool.acquire()
        pid = os.fork()
        if pid == 0:
            try:
                uids.drop_to(uid)
                ok = all(os.access(p, os.R_OK | os.X_OK) for p in isolation.interpreter_paths())
                os._exit(0 if ok else 2)
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        pool.release(uid)
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            self.isolation["uid"] = f"{pool.base}+ (one per sample)"
            return pool
        why = "the interpreter is unreadable for it" if code == 2 else "setresuid failed"
        notes.append(f"uid drop unavailable ({why}): samples run as root, RLIMIT_NPROC does not bind")
        return None

    # -- output ---------------------------------------------------------------------------------
    @staticmethod
    def send(obj):
        data = (json.dumps(obj) + "\n").encode()
        view = memoryview(data)
        while view:  # stdout is blocking; a short write only happens on signals
            n = os.write(1, view)
            view = view[n:]

    # -- requests -------------------------------------------------------------------------------
    def on_stdin(self):
        try:
            chunk = os.read(0, 1 << 20)
        except BlockingIOError:
            return
        if not chunk:
            self.stdin_open = False
            self.sel.unregister(0)
            return
        self.inbuf += chunk
        while (nl := self.inbuf.find(b"\n")) >= 0:
            line = bytes(self.inbuf[:nl])
            del self.inbuf[: nl + 1]
            if line.strip():
                self.start(line)

    def start(self, line):
        try:
            req = {**DEFAULTS, **json.loads(line)}
            rid = req["id"]
        except (ValueError, KeyError, TypeError) as e:
            self.send({"id": None, "status": "error", "message": f"bad request line ({e}): expected JSON with an id"})
            return
        try:
            uid = self.pool.acquire() if self.pool else None
        except RuntimeError as e:
            self.send({"id": rid, "status": "error", "message": str(e)})
            return
        nonce = os.urandom(16).hex()
        workdir = os.path.join(isolation.SAMPLES_DIR if self.isolation["mounts"] else "/tmp", f"gauntlet-{nonce[:12]}")
        s = Sample(rid, uid, workdir, nonce, req["timeout_ms"])
        pipes = {name: os.pipe() for name in s.streams}
        pid = os.fork()
        if pid == 0:
            child.run(req, (self.devnull, pipes["stdout"][1], pipes["stderr"][1], pipes["result"][1]), uid, workdir, nonce)
        s.pid = pid
        self.samples[pid] = s
        for name, (r, w) in pipes.items():
            os.close(w)
            os.set_blocking(r, False)
            self.sel.register(r, selectors.EVENT_READ, ("stream", (s, name)))

    def on_stream(self, fd, s, name):
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        if chunk and not (name == "result" and s.streams[name].total > RESULT_LIMIT):
            s.streams[name].add(chunk)
        if not chunk:
            self.sel.unregister(fd)
            os.close(fd)
            s.open -= 1

    # -- children -------------------------------------------------------------------------------
    def reap(self):
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.killers:
                self.pool.release(self.killers.pop(pid))
            elif pid in self.samples:
                s = self.samples[pid]
                s.wait_status = status
                s.cpu_s = usage.ru_utime + usage.ru_stime
                s.drain_deadline = time.monotonic() + DRAIN_GRACE_S
                if not s.streams["result"].total:  # died without reporting: kill what is left of its group
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass

    def expire(self, now):
        for s in self.samples.values():
            if s.wait_status is None and not s.timed_out and now >= s.deadline:
                s.timed_out = True
                for kill in (os.killpg, os.kill):  # killpg misses a child that has not called setsid yet
                    try:
                        kill(s.pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass

    def finish_ready(self, now):
        for pid in [p for p, s in self.samples.items() if s.wait_status is not None and (s.open == 0 or now >= s.drain_deadline)]:
            s = self.samples.pop(pid)
            for key in list(self.sel.get_map().values()):
                if key.data[0] == "stream" and key.data[1][0] is s:
                    self.sel.unregister(key.fd)
                    os.close(key.fd)
            self.send(self.outcome(s))
            try:
                os.rmdir(s.workdir)  # the common case: the program left no files
            except OSError:
                shutil.rmtree(s.workdir, ignore_errors=True)
            clean_exit = s.reported_clean and s.open == 0
            if s.uid is not None and clean_exit:
                self.pool.release(s.uid)  # the harness already killed every other process of its uid
            elif s.uid is not None:
                # Processes that escaped the group (setsid, daemons) share the uid: kill them all
                # before the uid serves another sample.
                self.killers[uids.spawn_killer(s.uid)] = s.uid

    def outcome(self, s):
        res = {"id": s.id, "durationMs": round((time.monotonic() - s.t0) * 1000, 3),
               "stdout": s.streams["stdout"].text(), "stderr": s.streams["stderr"].text(),
               "stdoutBytes": s.streams["stdout"].total, "stderrBytes": s.streams["stderr"].total}
        if s.cpu_s is not None:
            res["cpuMs"] = round(s.cpu_s * 1000, 3)
        reported = None
        prefix = s.nonce + " "
        for line in bytes(s.streams["result"].buf).decode("utf-8", "replace").splitlines():
            if line.startswith(prefix):
                try:
                    reported = json.loads(line[len(prefix):])
                except ValueError:
                    pass
        status = s.wait_status
        if reported is not None:
            s.reported_clean = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            return {**res, **reported}
        if s.timed_out:
            return {**res, "status": "timeout", "limit": "wall", "message": "wall-clock timeout: the process group was killed"}
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGXCPU:
                return {**res, "status": "timeout", "limit": "cpu", "message": "CPU time limit exceeded (SIGXCPU)"}
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            hint = " (likely out of memory or killed by a limit)" if sig == signal.SIGKILL else ""
            return {**res, "status": "failed", "exceptionType": "Killed", "message": f"killed by {name}{hint}"}
        code = os.WEXITSTATUS(status)
        return {**res, "status": "failed", "exceptionType": "EarlyExit",
                "message": f"the program ended (exit code {code}) without the harness reporting a result: "
                           "it exited early (os._exit) or broke the result channel"}

    # -- loop -----------------------------------------------------------------------------------
    def serve(self):
        hello = {"pid": os.getpid(), "python": sys.executable, "version": sys.version.split()[0],
                 "isolation": {**self.isolation, "uidDrop": self.pool is not None}}
        if getattr(self, "preloaded", None):
            hello["preload"] = self.preloaded
        self.send({"hello": hello})
        while self.stdin_open or self.samples or self.killers:
            now = time.monotonic()
            waits = [s.deadline for s in self.samples.values() if s.wait_status is None and not s.timed_out]
            waits += [s.drain_deadline for s in self.samples.values() if s.wait_status is not None]
            timeout = max(0.0, min(waits) - now) if waits else (0.05 if self.killers else None)
            for key, _ in self.sel.select(timeout):
                kind, data = key.data
                if kind == "stdin":
                    self.on_stdin()
                elif kind == "wakeup":
                    try:
                        os.read(key.fd, 4096)
                    except BlockingIOError:
                        pass
                else:
                    self.on_stream(key.fd, *data)
            self.reap()
            now = time.monotonic()
            self.expire(now)
            self.finish_ready(now)


def _preload_extra(argv):
    """An environment's heavy libraries (--preload-modules=numpy,pandas,...); ones it lacks are reported, not fatal."""
    names = [n for a in argv if a.startswith("--preload-modules=") for n in a.split("=", 1)[1].split(",") if n]
    ok, failed = [], []
    for name in names:
        try:
            __import__(name)
            ok.append(name)
        except Exception as e:  # noqa: BLE001 - a broken optional library must not stop the server
            failed.append(f"{name}: {type(e).__name__}: {e}"[:200])
    return {"ok": ok, "failed": failed} if names else None


def main(argv):
    preloaded = None
    if "--preload" in argv:
        for name in PRELOAD:
            try:
                __import__(name)
            except ImportError:
                pass
        preloaded = _preload_extra(argv)
    server = Server(drop_uid="--no-uid-drop" not in argv)
    server.preloaded = preloaded
    if "--preload" in argv:
        gc.collect()
        gc.freeze()  # keeps the preloaded heap out of the children's GC: fewer copy-on-write faults
    server.serve()
    if os.environ.get("GAUNTLET_SANDBOX_STATS"):
        import resource  # noqa: PLC0415 - tuning aid only

        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"server cpu {me.ru_utime:.2f}u {me.ru_stime:.2f}s minflt {me.ru_minflt}; "
              f"children cpu {kids.ru_utime:.2f}u {kids.ru_stime:.2f}s minflt {kids.ru_minflt}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
