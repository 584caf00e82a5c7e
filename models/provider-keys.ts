/**
 * The variables a provider's calls need in the worker's environment (any one of them will do).
 * Providers not named here need nothing from the machine: reference and replay answer locally,
 * mock and openai-compatible take their server from the arm's base_url.
 */
export const PROVIDER_KEY_VARS: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
};

/** The providers whose key this environment holds. */
export function providersWithKeys(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(PROVIDER_KEY_VARS)
    .filter(([, vars]) => vars.some((v) => env[v]))
    .map(([p]) => p);
}
