/** Writes config/run-config.schema.json (for editors: `"$schema"` in a run config) from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runConfigJsonSchema } from '../config/json-schema';

const file = fileURLToPath(new URL('../config/run-config.schema.json', import.meta.url));
writeFileSync(file, JSON.stringify(runConfigJsonSchema(), null, 2) + '\n');
console.error(`wrote ${file}`);
