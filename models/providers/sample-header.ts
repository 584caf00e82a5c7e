/**
 * The sample index, as a request header, for servers on this machine only (the simulated API):
 * pass@k samples of one prompt send identical bodies, and Anthropic's API takes no seed, so the
 * simulator could not otherwise tell them apart. Real endpoints never see the header.
 */
export function sampleHeaders(baseURL: string | undefined, sampleIndex: number): Record<string, string> | undefined {
  if (!baseURL) return undefined;
  let host: string;
  try {
    host = new URL(baseURL).hostname;
  } catch {
    return undefined;
  }
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? { 'x-gauntlet-sample': String(sampleIndex) } : undefined;
}
