export { startMockApi, type MockApi, type MockApiOptions, type MockApiStats, type MockApiConfig } from './server';
export { FAULT_KINDS, parseFaults, type FaultKind } from './faults';
export { parseAnswerMode } from './answers';
