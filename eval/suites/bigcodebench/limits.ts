/**
 * Per-sample limits of the BigCodeBench suites. The official harness allows max(240 s, the
 * ground-truth time) and a 30 GB address space; measured here (README: "BigCodeBench"), the
 * slowest canonical solution of the Hard set takes a few seconds, so 60 s leaves a wide margin
 * without letting a hung candidate hold a slot for four minutes. The address space must cover the
 * preloaded libraries the fork server's children inherit (numpy, pandas, sklearn, matplotlib:
 * ~2 GB of virtual memory before the sample allocates anything) plus the sample's own work.
 */
export const BIGCODEBENCH_TIMEOUT_S = 60;
export const BIGCODEBENCH_MEMORY_MB = 8192;
