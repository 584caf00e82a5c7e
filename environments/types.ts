/**
 * A Python environment a suite's code needs (BigCodeBench's ~70 libraries): what Docker images
 * are to other harnesses, as a virtualenv under the user cache. Specs are code (this folder);
 * what was built is recorded beside the virtualenv (`env.json` + `lock.txt`).
 */
export interface EnvironmentSpec {
  name: string;
  description: string;
  /** Pinned requirements shipped with Gauntlet (absolute path). */
  requirements: string;
  /** The Python the pins target ("3.10"); a matching pyenv or PATH interpreter is preferred. */
  python: string;
  /** Modules the warm fork server imports once, so a sample does not pay their import time. */
  preload: string[];
  /** Variables every sample sees (the sandbox clears the rest): thread counts, TZ, matplotlib's backend. */
  sampleEnv: Record<string, string>;
  /** Another environment's name whose samples this one can run (a subset: bigcodebench-ci -> bigcodebench). */
  subsetOf?: string;
}

/** What `gauntlet env create` built, in `<dir>/env.json`. */
export interface EnvironmentRecord {
  name: string;
  /** The virtualenv's interpreter. */
  python: string;
  python_version: string;
  /** sha256 of the requirements file it was built from: a changed file means a rebuild. */
  requirements_sha256: string;
  requirements_file: string;
  /** Pins that could not be kept for this interpreter: `name: pinned -> installed`. */
  pins_moved: string[];
  created_at: string;
  /** Seconds the build took. */
  build_s: number;
}

/** The interpreter, preloads and sample variables a sandbox needs to run in an environment. */
export interface EnvironmentRuntime {
  name: string;
  python: string;
  preload: string[];
  sampleEnv: Record<string, string>;
  /** Variables for the sandbox server itself (e.g. where matplotlib keeps its font cache). */
  serverEnv: Record<string, string>;
}
