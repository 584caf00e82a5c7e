#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the same sources serve the CLI, the worker and the tests.
import { register } from 'tsx/esm/api';

register();
await import('../cli/index.ts');
