import path from 'node:path';

/** The read-only benchmark data beside the repository (`../shared/datasets`), as CI lays it out. */
export const SHARED_DATASETS = path.resolve(import.meta.dirname, '../../../shared/datasets');
