import { createRequire } from 'node:module';

/**
 * The provider SDKs, each loaded on first use: together they are ~60 MB of a worker's resident
 * memory and a fraction of a second of its start, and most runs use one provider or none
 * (`reference`, sandbox-only phases). Loaded as CommonJS (each ships both builds): the worker's
 * TypeScript loader hooks every ESM import, which made the first call of a run wait ~0.3 s on
 * the import instead of ~0.1 s, and every unit in the run's first round with it. One instance per
 * process, this module's: errors are classified against it (loadedSdks), so code that builds SDK
 * errors must take the classes from here, not from its own `import`.
 */
const require = createRequire(import.meta.url);
type OpenAISdk = typeof import('openai');
type AnthropicSdk = typeof import('@anthropic-ai/sdk');
type GoogleSdk = typeof import('@google/genai');

const loaded: { openai?: OpenAISdk; anthropic?: AnthropicSdk; google?: GoogleSdk } = {};

export async function openaiSdk(): Promise<OpenAISdk> {
  return (loaded.openai ??= require('openai') as OpenAISdk);
}

export async function anthropicSdk(): Promise<AnthropicSdk> {
  return (loaded.anthropic ??= require('@anthropic-ai/sdk') as AnthropicSdk);
}

export async function googleSdk(): Promise<GoogleSdk> {
  return (loaded.google ??= require('@google/genai') as GoogleSdk);
}

/** The SDKs imported so far: an error can only be one of these SDKs' errors (for classification). */
export function loadedSdks(): Readonly<typeof loaded> {
  return loaded;
}
