import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { writeFileAtomic, writeJsonAtomic } from '../store/atomic';
import { EnvironmentBuildError } from './errors';
import { envDir, envLockFile, envMplConfig, envPython, envRecordFile } from './paths';
import { loosenPins, movedPins } from './pins';
import { findPython } from './python';
import { readRecord } from './record';
import { environmentSpec } from './registry';
import type { EnvironmentRecord } from './types';

export interface CreateOptions {
  /** Rebuild from an empty virtualenv even when the recorded one is up to date. */
  force?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface CreateResult {
  record: EnvironmentRecord;
  /** Nothing to do: the recorded environment matches the requirements and interpreter. */
  upToDate: boolean;
  buildLog: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Builds (or confirms) an environment: a virtualenv from the spec's pinned requirements with the
 * Python they target, then `pip freeze` as its lock and env.json as its record. Idempotent: an
 * environment whose record matches the requirements file and interpreter is left alone, and a
 * rebuild reuses pip's cache. Without the wanted Python, the pins are loosened to `>=` for the
 * newest interpreter there is and every pin that moved is recorded and reported.
 */
export async function createEnvironment(name: string, opts: CreateOptions = {}): Promise<CreateResult> {
  const spec = environmentSpec(name);
  const log = opts.log ?? (() => undefined);
  const dir = envDir(name);
  const buildLog = path.join(dir, 'build.log');
  const requirements = readFileSync(spec.requirements, 'utf8');
  const reqSha = sha256(requirements);
  const found = findPython(spec.python);
  const prev = readRecord(name);
  if (!opts.force && prev && prev.requirements_sha256 === reqSha && existsSync(prev.python) && sameMinor(prev.python_version, found.version)) {
    return { record: prev, upToDate: true, buildLog };
  }
  const t0 = performance.now();
  if (opts.force && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(buildLog, { flags: 'a' });
  const run = async (cmd: string, args: string[], what: string) => {
    log(`${what}: ${cmd} ${args.join(' ')}`);
    out.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    const p = execa(cmd, args, { all: true, reject: false, env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
    p.all?.pipe(out, { end: false });
    const r = await p;
    if (r.exitCode !== 0) {
      const tail = String(r.all ?? '').split('\n').slice(-25).join('\n');
      throw new EnvironmentBuildError(`environment ${name}: ${what} failed (exit ${r.exitCode}); full log ${buildLog}\n${tail}`);
    }
    return String(r.stdout ?? '');
  };
  try {
    log(`python ${found.version} (${found.how}: ${found.python})${found.matched ? '' : ` — the pins target ${spec.python}; loosening them to >=`}`);
    if (!existsSync(envPython(name))) await run(found.python, ['-m', 'venv', dir], 'virtualenv');
    let reqFile = spec.requirements;
    if (!found.matched) {
      reqFile = path.join(dir, 'requirements-loosened.txt');
      await writeFileAtomic(reqFile, loosenPins(requirements));
    }
    await run(envPython(name), ['-m', 'pip', 'install', '--no-input', '-r', reqFile], 'pip install');
    const freeze = await run(envPython(name), ['-m', 'pip', 'freeze', '--all'], 'pip freeze');
    await writeFileAtomic(envLockFile(name), freeze.endsWith('\n') ? freeze : `${freeze}\n`);
    // One font-cache build now, instead of one per sample (samples cannot write it).
    mkdirSync(envMplConfig(name), { recursive: true });
    await execa(envPython(name), ['-c', 'import matplotlib.font_manager'], { reject: false, env: { MPLCONFIGDIR: envMplConfig(name), MPLBACKEND: 'Agg' } });
    const version = (await run(envPython(name), ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], 'version')).trim();
    const record: EnvironmentRecord = {
      name,
      python: envPython(name),
      python_version: version,
      requirements_sha256: reqSha,
      requirements_file: spec.requirements,
      pins_moved: movedPins(requirements, freeze),
      created_at: new Date().toISOString(),
      build_s: Math.round((performance.now() - t0) / 1000),
    };
    await writeJsonAtomic(envRecordFile(name), record);
    return { record, upToDate: false, buildLog };
  } finally {
    out.end();
  }
}

const sameMinor = (a: string, b: string) => a.split('.').slice(0, 2).join('.') === b.split('.').slice(0, 2).join('.');
