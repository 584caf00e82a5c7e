"""Process-wide isolation, set up once per sandbox process (fork server or fresh runner) before any
sample runs, so that every forked child inherits it for free.

- a new network namespace: children see only a downed loopback, no network;
- a private mount namespace with fresh root-only tmpfs over /tmp, /var/tmp and /dev/shm, so that
  samples cannot leave files for each other or for the host;
- directories that the unprivileged sample uid cannot traverse (e.g. /root, mode 0700, holding a
  pyenv interpreter) are covered by a tmpfs that exposes only the interpreter's paths: imports keep
  working after the uid drop and the rest (credentials, caches) stays invisible.

Every step is best effort; `setup()` returns which ones the platform allowed, and why not.
"""
import ctypes
import os
import stat
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
_libc.unshare.argtypes = [ctypes.c_int]
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

PRIVATE_DIRS = ("/tmp", "/var/tmp", "/dev/shm")
# Root of the per-sample working dirs, inside the private /tmp.
SAMPLES_DIR = "/tmp/gauntlet-samples"
_STASH_DIR = "/tmp/.gauntlet-stash"


def _check(rc):
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def _b(s):
    return None if s is None else os.fsencode(s)


def mount(src, target, fstype, flags, data=None):
    _check(_libc.mount(_b(src), _b(target), _b(fstype), flags, _b(data)))


def unshare(flags):
    _check(_libc.unshare(flags))


def prctl(option, arg):
    _check(_libc.prctl(option, arg, 0, 0, 0))


def _cover(directory, keep, stash_index):
    """Hides `directory` behind a traversable tmpfs that shows only the entry `keep`."""
    stash = os.path.join(_STASH_DIR, str(stash_index))
    os.makedirs(stash, mode=0o700, exist_ok=True)
    mount(directory, stash, None, MS_BIND | MS_REC)
    mount("tmpfs", directory, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0711,size=1m")
    return stash


def _expose(paths):
    """Makes every path in `paths` traversable by any uid; returns the directories covered."""
    covered = {}  # directory -> stash holding its original content
    for path in paths:
        parts = [p for p in path.split("/") if p]
        cur = "/"
        for name in parts:
            nxt = os.path.join(cur, name)
            if cur not in covered and not os.stat(cur).st_mode & stat.S_IXOTH:
                covered[cur] = _cover(cur, name, len(covered))
            if cur in covered and not os.path.lexists(nxt):
                src = os.path.join(covered[cur], name)
                if os.path.isdir(src):
                    os.mkdir(nxt, 0o711)
                else:
                    open(nxt, "w").close()
                mount(src, nxt, None, MS_BIND | MS_REC)
            cur = nxt
    return sorted(covered)


def interpreter_paths():
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(sys.executable)}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    return sorted({os.path.realpath(p) for p in paths} | paths)


def setup(private_tmp_mb=512):
    """Enters the namespaces. Returns a report: what is active, and for what is not, the reason."""
    report = {"network": False, "mounts": False, "exposed": [], "notes": []}
    try:
        unshare(CLONE_NEWNET)
        report["network"] = True  # True: network isolated
    except OSError as e:
        report["notes"].append(f"no network namespace ({e.strerror}): samples can reach the network")
    try:
        unshare(CLONE_NEWNS)
        # Private propagation first: nothing mounted below may leak to the host.
        mount(None, "/", None, MS_REC | MS_PRIVATE)
    except OSError as e:
        report["notes"].append(f"no mount namespace ({e.strerror}): samples share /tmp with the host")
        return report
    for d in PRIVATE_DIRS:
        if os.path.isdir(d):
            size = private_tmp_mb if d == "/tmp" else 64
            mount("tmpfs", d, "tmpfs", MS_NOSUID | MS_NODEV, f"mode=0711,size={size}m")
    os.makedirs(SAMPLES_DIR, mode=0o711, exist_ok=True)
    report["mounts"] = True
    try:
        report["exposed"] = _expose(interpreter_paths())
    except OSError as e:
        report["notes"].append(f"could not expose the interpreter to the sample uid ({e})")
    return report
