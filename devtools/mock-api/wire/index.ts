import { anthropic } from './anthropic';
import { google } from './google';
import { openai } from './openai';
import type { Api, WireFormat } from './types';

export * from './types';

/** Request and response shapes of the simulated APIs (error bodies as in test/fixtures/provider-errors/). */
export const FORMATS: Readonly<Record<Api, WireFormat>> = { anthropic, openai, google };
export const APIS = Object.keys(FORMATS) as Api[];
