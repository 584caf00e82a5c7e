import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseModelSpec } from '../../config/model-spec';
import type { Arm } from '../../config/run-config';
import type { ChatModel } from '../chat';
import { ModelCallError } from '../types';
import { anthropicModel } from './anthropic';
import { googleModel } from './google';
import { openaiModel } from './openai';
import { replayModel } from './replay';

/**
 * The chat model behind an arm. Configuration problems (missing key or base_url) are `fatal`
 * ModelCallErrors: retrying cannot fix them, the operator must.
 */
export function resolveModel(arm: Arm): ChatModel {
  const spec = parseModelSpec(arm.model);
  switch (spec.provider) {
    case 'anthropic':
      return anthropicModel({ model: spec.model, apiKey: requireKey(arm, 'ANTHROPIC_API_KEY'), baseURL: arm.base_url });
    case 'openai':
      return openaiModel({ provider: 'openai', model: spec.model, apiKey: requireKey(arm, 'OPENAI_API_KEY'), baseURL: arm.base_url, tokenParam: 'max_completion_tokens' });
    case 'google':
      return googleModel({ model: spec.model, apiKey: requireGoogleKey(arm), baseURL: arm.base_url });
    case 'openai-compatible': {
      if (!arm.base_url) throw configError(arm, 'openai-compatible needs the server address: set base_url on the arm (e.g. http://localhost:8000/v1)');
      // Local servers (vLLM, llama.cpp, Ollama) usually take no key; the SDK insists on a string.
      return openaiModel({ provider: 'openai-compatible', model: spec.model, apiKey: process.env.OPENAI_API_KEY || 'none', baseURL: arm.base_url, tokenParam: 'max_tokens' });
    }
    case 'mock': {
      const url = arm.base_url ?? process.env.GAUNTLET_MOCK_URL;
      if (!url) throw configError(arm, 'mock needs the simulated API address: start `gauntlet mock-api` and set base_url on the arm or GAUNTLET_MOCK_URL');
      return openaiModel({ provider: 'mock', model: spec.model, apiKey: 'mock', baseURL: url, tokenParam: 'max_tokens' });
    }
    case 'replay':
      return replayModel(spec.model);
    case 'reference':
      throw configError(arm, 'reference answers with the canonical solution and has no chat model (internal: generate() handles it)');
  }
}

/**
 * Throws a clear error when an arm cannot run in this process: missing API key, missing
 * base_url, missing replay file. The CLI calls it before starting a run; workers need the same
 * environment, since they make the calls.
 */
export function checkArmReady(arm: Arm): void {
  const spec = parseModelSpec(arm.model);
  if (spec.provider === 'reference') return;
  if (spec.provider === 'replay' && !existsSync(path.resolve(spec.model))) {
    throw configError(arm, `replay file ${path.resolve(spec.model)} does not exist; give replay:<path to an earlier run's results.jsonl>`);
  }
  resolveModel(arm);
}

function requireKey(arm: Arm, name: 'ANTHROPIC_API_KEY' | 'OPENAI_API_KEY'): string {
  const key = process.env[name];
  if (!key) throw configError(arm, `${name} is not set: export ${name}=... in the environment of the CLI and of every worker`);
  return key;
}

/** The SDK's own order: GOOGLE_API_KEY wins when both are set. */
function requireGoogleKey(arm: Arm): string {
  const key = process.env.GOOGLE_API_KEY || process.env.GEMINI_API_KEY;
  if (!key) throw configError(arm, 'neither GEMINI_API_KEY nor GOOGLE_API_KEY is set: export GEMINI_API_KEY=... in the environment of the CLI and of every worker');
  return key;
}

function configError(arm: Arm, why: string): ModelCallError {
  return new ModelCallError('fatal', `arm "${arm.name}" (${arm.model}): ${why}`, parseModelSpec(arm.model).provider);
}
