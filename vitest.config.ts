import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests never read or write the user's response cache: answers cached under one simulated-API
// setup would otherwise be replayed under another.
const env = { GAUNTLET_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'gauntlet-test-cache-')) };

/**
 * Two projects: fast unit tests (parallel) and integration tests against one real Temporal dev
 * server started by the global setup (forks, one file at a time: workers and the server are
 * heavy on a 2-core machine, and Temporal's native worker does not like worker_threads).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: ['test/unit/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
