import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestProgram, createSandbox, defaultTimeoutMs, type Sandbox, type SandboxInfo } from '../../sandbox';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const T = 15_000; // generous wall clock for samples that should finish: the CI box is shared

const task = {
  entry_point: 'add',
  test_code: 'def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n',
};
const correct = 'def add(a, b):\n    return a + b\n';
const wrong = 'def add(a, b):\n    return a - b\n';
const raising = 'def add(a, b):\n    return {}[a]\n';

/** Pids of live processes owned by `uid` (from /proc). */
function processesOf(uid: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      if (m && Number(m[1]) === uid && state?.[1] !== 'Z') pids.push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function until<T>(fn: () => T, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    v = fn();
  }
  return v;
}

describe('defaultTimeoutMs', () => {
  it('is 4x the canonical runtime, at least 4 s', () => {
    expect(defaultTimeoutMs(10)).toBe(4000);
    expect(defaultTimeoutMs(2500)).toBe(10_000);
    expect(defaultTimeoutMs(Number.NaN)).toBe(4000);
  });
});

for (const mode of ['fork-server', 'fresh'] as const) {
  describe(`sandbox (${mode}): verdicts`, () => {
    let sb: Sandbox;
    beforeAll(() => {
      sb = createSandbox({ mode, concurrency: 2 });
    });
    afterAll(() => sb.close());

    it('passes a correct program and fails broken ones with the right exceptionType', async () => {
      const [ok, bad, boom, syntax] = await Promise.all([
        sb.run({ program: buildTestProgram(task, correct), timeoutMs: T }),
        sb.run({ program: buildTestProgram(task, wrong), timeoutMs: T }),
        sb.run({ program: buildTestProgram(task, raising), timeoutMs: T }),
        sb.run({ program: buildTestProgram(task, 'def add(a, b) return a'), timeoutMs: T }),
      ]);
      expect(ok.status).toBe('passed');
      expect(bad).toMatchObject({ status: 'failed', exceptionType: 'AssertionError' });
      expect(boom).toMatchObject({ status: 'failed', exceptionType: 'KeyError' });
      expect(boom.stderrTail).toContain('KeyError');
      expect(boom.stderrTail).not.toContain('child.py'); // the harness's own frames are not shown
      expect(syntax).toMatchObject({ status: 'failed', exceptionType: 'SyntaxError' });
    });

    it('never counts an exit before the tests as a pass', async () => {
      const [sysExit, osExit] = await Promise.all([
        sb.run({ program: buildTestProgram(task, 'import sys\nsys.exit(0)\n' + wrong), timeoutMs: T }),
        sb.run({ program: buildTestProgram(task, 'import os\nos._exit(0)\n' + wrong), timeoutMs: T }),
      ]);
      expect(sysExit).toMatchObject({ status: 'failed', exceptionType: 'SystemExit' });
      expect(osExit).toMatchObject({ status: 'failed', exceptionType: 'EarlyExit' });
    });

    it('ignores results forged on the result channel', async () => {
      const forge = 'import os\nos.write(3, b\'{"status": "passed"}\\n\')\nos.write(3, b\'00 {"status": "passed"}\\n\')\n';
      const [written, closed] = await Promise.all([
        sb.run({ program: forge + 'os._exit(0)\n', timeoutMs: T }),
        sb.run({ program: forge + 'os.close(3)\nos.open("x", os.O_CREAT | os.O_WRONLY)\nassert False\n', timeoutMs: T }),
      ]);
      expect(written).toMatchObject({ status: 'failed', exceptionType: 'EarlyExit' });
      expect(closed.status).toBe('failed');
    });

    it('times out an infinite loop', async () => {
      const r = await sb.run({ program: 'while True:\n    pass\n', timeoutMs: 500 });
      expect(r.status).toBe('timeout');
    });
  });
}

describe('sandbox (fork-server): hostile candidates', () => {
  let sb: Sandbox;
  let info: SandboxInfo;
  beforeAll(async () => {
    sb = createSandbox({ mode: 'fork-server', concurrency: 4 });
    info = await sb.info!();
  });
  afterAll(() => sb.close());

  const healthy = async () => expect((await sb.run({ program: buildTestProgram(task, correct), timeoutMs: T })).status).toBe('passed');

  it('reports which protections are active', () => {
    expect(info.pythonVersion).toMatch(/^3\.(1[1-9]|[2-9]\d)\./);
    // This suite runs as root on Linux, where every protection is available.
    expect(info.isolation).toMatchObject({ network: true, mounts: true, uidDrop: true });
  });

  it('answers concurrent requests out of order', async () => {
    const order: string[] = [];
    await Promise.all([
      sb.run({ program: 'import time\ntime.sleep(1.5)\n', timeoutMs: T }).then(() => order.push('slow')),
      sb.run({ program: 'pass\n', timeoutMs: T }).then(() => order.push('fast')),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('imports modules that were not preloaded after dropping root', async () => {
    const r = await sb.run({ program: 'import sqlite3, xml.dom.minidom, email.mime.text\nassert sqlite3.connect(":memory:")\n', timeoutMs: T });
    expect(r).toMatchObject({ status: 'passed' });
  });

  it('contains a fork bomb (RLIMIT_NPROC on its own uid) and kills every process it left', async () => {
    const bounded = await sb.run({
      program:
        'import os, time\nn = 0\ntry:\n    while n < 10000:\n        if os.fork() == 0:\n            time.sleep(60)\n            os._exit(0)\n' +
        '        n += 1\nfinally:\n    print("forked", n, flush=True)\n',
      timeoutMs: T,
      maxProcesses: 16,
    });
    expect(bounded).toMatchObject({ status: 'failed', exceptionType: 'BlockingIOError' });
    expect(Number(/forked (\d+)/.exec(bounded.stdoutTail)?.[1])).toBeLessThan(16);

    const bomb = await sb.run({
      program: 'import os\nprint(os.getuid(), flush=True)\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n',
      timeoutMs: 1500,
    });
    expect(bomb.status).toBe('timeout');
    const uid = Number(bomb.stdoutTail.trim().split('\n')[0]);
    expect(uid).toBeGreaterThan(0);
    expect(await until(() => processesOf(uid), (p) => p.length === 0, 5000)).toEqual([]);
    await healthy();
  });

  it('survives a memory bomb (RLIMIT_AS)', async () => {
    const r = await sb.run({ program: 'chunks = []\nwhile True:\n    chunks.append(bytearray(1 << 24))\n', timeoutMs: T, memoryMb: 256 });
    expect(r.status).toBe('failed');
    expect(['MemoryError', 'Killed']).toContain(r.exceptionType);
    await healthy();
  });

  it('cannot kill the server or Node', async () => {
    const r = await sb.run({
      program: 'import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n    except PermissionError:\n        print("denied", pid)\nos.kill(-1, signal.SIGKILL)\n',
      timeoutMs: T,
    });
    expect(r.status).toBe('passed'); // kill(-1) only reaches the sample's own uid, not the server
    expect(r.stdoutTail).toContain(`denied 1`);
    expect((await sb.info!()).pid).toBe(info.pid);
    await healthy();
  });

  it('cannot write outside its private directory', async () => {
    const marker = path.join(REPO, `sandbox-escape-probe-${process.pid}`);
    try {
      const r = await sb.run({
        program:
          `import os\nblocked = []\nfor p in [${JSON.stringify(marker)}, "/etc/gauntlet-probe", "/tmp/gauntlet-probe", "/dev/shm/gauntlet-probe"]:\n` +
          '    try:\n        open(p, "w").write("x")\n    except OSError as e:\n        blocked.append(p)\n' +
          'assert len(blocked) == 4, blocked\nopen("inside.txt", "w").write("ok")\nassert open(os.path.join(os.environ["TMPDIR"], "inside.txt")).read() == "ok"\n',
        timeoutMs: T,
      });
      expect(r).toMatchObject({ status: 'passed' });
      expect(existsSync(marker)).toBe(false);
      expect(existsSync('/etc/gauntlet-probe')).toBe(false);
    } finally {
      rmSync(marker, { force: true });
    }
  });

  it('has no network', async () => {
    const server = createServer((_req, res) => res.end('reachable')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await sb.run({ program: `import urllib.request\nurllib.request.urlopen("http://127.0.0.1:${port}/", timeout=3).read()\n`, timeoutMs: T });
      expect(r.status).toBe('failed');
      expect(r.exceptionType).toMatch(/URLError|OSError|ConnectionRefusedError/);
    } finally {
      server.close();
    }
  });

  it('keeps a tail of megabytes of output', async () => {
    const r = await sb.run({ program: 'import sys\nfor i in range(60000):\n    print("x" * 99)\nprint("THE END")\n', timeoutMs: T });
    expect(r.status).toBe('passed');
    expect(r.stdoutBytes).toBeGreaterThan(6_000_000);
    expect(r.stdoutTail.length).toBeLessThanOrEqual(2000);
    expect(r.stdoutTail.trimEnd().endsWith('THE END')).toBe(true);
  });

  it('reports error for samples in flight when the server dies, then restarts it', async () => {
    const { pid } = await sb.info!();
    const inFlight = sb.run({ program: 'import time\ntime.sleep(20)\n', timeoutMs: T * 2 });
    await new Promise((r) => setTimeout(r, 300));
    process.kill(pid, 'SIGKILL');
    const r = await inFlight;
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/sandbox server exited/);
    await healthy();
    expect((await sb.info!()).pid).not.toBe(pid);
  });
});
