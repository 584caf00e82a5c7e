import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureTemporalCli } from '../../workers/temporal-cli';
import { WORKFLOWS_PATH } from '../../workers/worker';
import { DEV_SERVER_DYNAMIC_CONFIG, dynamicConfigFlags } from '../../workers/dev-server';
import { SEARCH_ATTRIBUTES } from '../../contract/search-attributes';

/** Suggest continue-as-new early so that ordinary integration runs cross it too. */
export const SUGGEST_CONTINUE_AS_NEW_AT = 300;

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
    temporalCli: string;
  }
}

/** One real Temporal dev server (the installed CLI binary) and one workflow bundle for all integration files. */
export default async function setup(project: TestProject) {
  const cli = await ensureTemporalCli(() => undefined);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      searchAttributes: SEARCH_ATTRIBUTES,
      extraArgs: dynamicConfigFlags({ ...DEV_SERVER_DYNAMIC_CONFIG, 'limit.historyCount.suggestContinueAsNew': SUGGEST_CONTINUE_AS_NEW_AT }),
    },
  });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-bundle-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  project.provide('temporalAddress', env.address);
  project.provide('workflowBundlePath', bundlePath);
  project.provide('temporalCli', cli);
  return async () => {
    await env.teardown();
  };
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m) };
