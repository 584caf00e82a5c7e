"""Unprivileged uids for samples, one per sample in flight, machine-wide.

Why one uid per sample: RLIMIT_NPROC counts processes per uid (root ignores it), so a fork bomb
only exhausts its own budget; and at the end of a sample every process of that uid can be killed
with kill(-1) from that uid, which also catches grandchildren that escaped the process group.
Why machine-wide: several workers (fork servers, fresh runners) on one host must never share a uid,
or one sample's cleanup would kill another's. An flock per uid in a root-only directory does that;
the kernel drops the lock when its holder dies, so crashed processes never leak uids.
"""
import fcntl
import os
import signal

DEFAULT_BASE = int(os.environ.get("GAUNTLET_SANDBOX_UID_BASE", "1000000"))
POOL_SIZE = 4096
GID = 65534  # nogroup: owns nothing


class UidPool:
    def __init__(self, base=DEFAULT_BASE, size=POOL_SIZE, lock_dir=None):
        self.base, self.size = base, size
        lock_dir = lock_dir or ("/run/lock/gauntlet-sandbox" if os.path.isdir("/run/lock") else "/var/lock/gauntlet-sandbox")
        os.makedirs(lock_dir, mode=0o700, exist_ok=True)
        # A directory fd: lock files stay reachable after /tmp etc. are covered by private mounts.
        self._dir = os.open(lock_dir, os.O_RDONLY | os.O_DIRECTORY)
        self._locked = {}  # uid -> fd of its lock file (held for this process's lifetime)
        self._busy = set()

    def acquire(self):
        for uid in self._locked:
            if uid not in self._busy:
                self._busy.add(uid)
                return uid
        for uid in range(self.base, self.base + self.size):
            if uid in self._locked:
                continue
            fd = os.open(f"{uid}.lock", os.O_RDWR | os.O_CREAT, 0o600, dir_fd=self._dir)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self._locked[uid] = fd
            self._busy.add(uid)
            return uid
        raise RuntimeError(f"all {self.size} sandbox uids from {self.base} are in use")

    def release(self, uid):
        self._busy.discard(uid)

    def fds(self):
        return [self._dir, *self._locked.values()]


def drop_to(uid):
    """Irreversibly becomes `uid` (no groups, no way back to root)."""
    os.setgroups([])
    os.setresgid(GID, GID, GID)
    os.setresuid(uid, uid, uid)
    if os.getuid() == 0 or os.geteuid() == 0:
        raise PermissionError(f"still root after dropping to uid {uid}")


def kill_all_of_current_uid():
    """SIGKILLs every process of the calling (non-root) uid except the caller itself."""
    if os.getuid() == 0 or os.geteuid() == 0:
        raise PermissionError("refusing kill(-1) as root: it would kill the whole machine")
    for _ in range(20):  # a fork bomb may spawn while we kill: repeat until none is left
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            return
        except PermissionError:
            return


def spawn_killer(uid):
    """Forks a process that becomes `uid` and kills every process of it. Returns its pid."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            drop_to(uid)
            kill_all_of_current_uid()
            code = 0
        finally:
            os._exit(code)
    return pid
