import { fileURLToPath } from 'node:url';
import type { EnvironmentSpec } from './types';

const suiteFile = (f: string) => fileURLToPath(new URL(`../suites/bigcodebench/${f}`, import.meta.url));

/**
 * Preloaded by the warm fork server: the libraries most BigCodeBench tasks import (Hard: pandas 61,
 * matplotlib 54, numpy 49, sklearn 18, scipy 11, requests 11, seaborn 9, bs4 6 of 148). Not
 * tensorflow/keras: a 0.5 GB import used by 2 tasks, and its runtime threads do not survive a fork.
 * A module the environment lacks is skipped (the server's hello lists it).
 */
const PRELOAD = [
  'numpy', 'pandas', 'scipy', 'scipy.stats', 'scipy.optimize', 'matplotlib', 'matplotlib.pyplot', 'seaborn',
  'sklearn', 'sklearn.model_selection', 'sklearn.preprocessing', 'sklearn.linear_model', 'sklearn.cluster', 'sklearn.decomposition', 'sklearn.metrics',
  'requests', 'bs4', 'pytz', 'dateutil.parser', 'unittest', 'unittest.mock', 'csv', 'glob', 'shutil', 'subprocess', 'zipfile', 'urllib.request', 'tempfile',
];

/**
 * What BigCodeBench's own harness sets before each sample (reliability_guard: TZ=UTC,
 * OMP_NUM_THREADS=1, TF logging off), plus one BLAS thread (2 cores, many samples at once) and
 * matplotlib's headless backend (the official image has no display either).
 */
const SAMPLE_ENV = {
  TZ: 'UTC',
  OMP_NUM_THREADS: '1',
  OPENBLAS_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  MPLBACKEND: 'Agg',
  TF_CPP_MIN_LOG_LEVEL: '3',
  TF_ENABLE_ONEDNN_OPTS: '0',
};

export const BIGCODEBENCH_ENV: EnvironmentSpec = {
  name: 'bigcodebench',
  description: "BigCodeBench's evaluation libraries at the official pins (Requirements/requirements-eval.txt; Python 3.10; ~6 GB, tensorflow included)",
  requirements: suiteFile('requirements-eval.txt'),
  python: '3.10',
  preload: PRELOAD,
  sampleEnv: SAMPLE_ENV,
};

/** The part CI installs (a few minutes, no tensorflow): the same pins for the most used libraries. */
export const BIGCODEBENCH_CI_ENV: EnvironmentSpec = {
  name: 'bigcodebench-ci',
  description: 'the most used BigCodeBench libraries at the official pins (numpy, pandas, scipy, matplotlib, sklearn, seaborn, requests, bs4, ...), what CI installs',
  requirements: suiteFile('requirements-ci.txt'),
  python: '3.10',
  preload: PRELOAD,
  sampleEnv: SAMPLE_ENV,
  subsetOf: 'bigcodebench',
};
