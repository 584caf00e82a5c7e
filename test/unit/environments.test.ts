import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationFailure } from '@temporalio/activity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActivityError } from '../../activities/failures';
import { createEnvironment, EnvironmentMissingError, environmentProblem, environmentRuntime } from '../../environments';
import { loosenPins, movedPins, parsePins } from '../../environments/pins';
import { sharedSandbox } from '../../sandbox/pool';
import { SHARED_DATASETS } from '../helpers/datasets';

const GAUNTLET = path.resolve(import.meta.dirname, '../../bin/gauntlet.js');
const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [GAUNTLET, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );

describe('environment pins', () => {
  it('parses pins, loosens them for a newer Python and reports which moved', () => {
    const req = '# c\nnumpy==1.21.2\nscikit-image==0.18.0\nselenium==4.15\npython-Levenshtein-wheels\n';
    expect([...parsePins(req).keys()]).toEqual(['numpy', 'scikit-image', 'selenium', 'python-levenshtein-wheels']);
    expect(loosenPins(req)).toContain('numpy>=1.21.2\nscikit-image>=0.18.0');
    const freeze = 'numpy==1.26.4\nscikit_image==0.18.0\nselenium==4.15.0\n';
    expect(movedPins(req, freeze)).toEqual(['numpy: 1.21.2 -> 1.26.4']);
    expect(movedPins('tensorflow==2.11.0\n', '')).toEqual(['tensorflow: 2.11.0 -> not installed']);
  });
});

describe('a missing environment', () => {
  let saved: string | undefined;
  let empty: string;
  beforeEach(() => {
    saved = process.env.GAUNTLET_ENV_DIR;
    empty = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-envs-'));
    process.env.GAUNTLET_ENV_DIR = empty;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.GAUNTLET_ENV_DIR;
    else process.env.GAUNTLET_ENV_DIR = saved;
  });

  it('says the exact command that builds it, and the worker side refuses with a fatal failure', () => {
    expect(environmentProblem('bigcodebench')).toMatch(/environment "bigcodebench" is not built on .* run `gauntlet env create bigcodebench`/);
    expect(() => environmentRuntime('bigcodebench')).toThrow(EnvironmentMissingError);
    let thrown: unknown;
    try {
      sharedSandbox('bigcodebench');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(EnvironmentMissingError);
    const f = asActivityError(thrown) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.type).toBe('fatal');
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toMatch(/this worker cannot run the units: .*gauntlet env create bigcodebench/);
  });

  it('a record built from other requirements is stale', () => {
    mkdirSync(path.join(empty, 'bigcodebench-ci'), { recursive: true });
    const rec = { name: 'bigcodebench-ci', python: process.execPath, python_version: '3.10.13', requirements_sha256: 'old', requirements_file: 'x', pins_moved: [], created_at: 'then', build_s: 1 };
    writeFileSync(path.join(empty, 'bigcodebench-ci', 'env.json'), JSON.stringify(rec));
    expect(environmentProblem('bigcodebench-ci')).toMatch(/was built from an older .*requirements-ci.txt: run `gauntlet env create bigcodebench-ci` to update it/);
  });

  it('`gauntlet run` fails before it starts (no server needed) with the command; --env names the other one', async () => {
    const data = path.join(SHARED_DATASETS, 'bigcodebench');
    const r = await run(['run', 'bigcodebench-hard', '--data', data, '--model', 'reference', '--address', '127.0.0.1:1'], { GAUNTLET_ENV_DIR: empty });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/phase benchmark: suite bigcodebench-hard runs its code in environment "bigcodebench", which is not ready: .*run `gauntlet env create bigcodebench`/);
    const ci = await run(['run', 'bigcodebench-hard', '--data', data, '--model', 'reference', '--env', 'bigcodebench-ci', '--address', '127.0.0.1:1'], { GAUNTLET_ENV_DIR: empty });
    expect(ci.out).toMatch(/run `gauntlet env create bigcodebench-ci`/);
  });
});

describe('the CI environment (built by npm run setup)', () => {
  it('a second create does nothing, and check finds every preloaded module', async () => {
    const r = await createEnvironment('bigcodebench-ci');
    expect(r.upToDate).toBe(true);
    expect(r.record.python_version).toMatch(/^3\.\d+\.\d+$/);
    const c = await run(['env', 'check', 'bigcodebench-ci', '--json'], {});
    expect(c.code).toBe(0);
    const check = JSON.parse(c.out.slice(c.out.indexOf('{')));
    expect(check.ok).toBe(true);
    expect(check.imports.map((i: { module: string }) => i.module)).toEqual(expect.arrayContaining(['numpy', 'pandas', 'matplotlib.pyplot', 'sklearn']));
  });
});
