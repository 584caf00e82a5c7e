/**
 * The provider SDKs, each imported on first use: together they are ~60 MB of a worker's resident
 * memory and a fraction of a second of its start, and most runs use one provider or none
 * (`reference`, sandbox-only phases). ESM `import()`, the same module instance every other
 * importer gets, so `instanceof` on SDK errors holds.
 */
type OpenAISdk = typeof import('openai');
type AnthropicSdk = typeof import('@anthropic-ai/sdk');
type GoogleSdk = typeof import('@google/genai');

const loaded: { openai?: OpenAISdk; anthropic?: AnthropicSdk; google?: GoogleSdk } = {};

export async function openaiSdk(): Promise<OpenAISdk> {
  return (loaded.openai ??= await import('openai'));
}

export async function anthropicSdk(): Promise<AnthropicSdk> {
  return (loaded.anthropic ??= await import('@anthropic-ai/sdk'));
}

export async function googleSdk(): Promise<GoogleSdk> {
  return (loaded.google ??= await import('@google/genai'));
}

/** The SDKs imported so far: an error can only be one of these SDKs' errors (for classification). */
export function loadedSdks(): Readonly<typeof loaded> {
  return loaded;
}
