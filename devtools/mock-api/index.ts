export { startMockApi, type MockApi, type MockApiOptions, type MockApiStats, type MockApiConfig } from './server';
export { FAULT_KINDS, parseFaults, type FaultKind } from './faults';
export { parseAnswerMode } from './answers';
export { loadAgentFile, parseAgents, DEFAULT_AGENT, type Agent, type AgentFn, type AgentScript, type AgentView } from './agents';
export type { Api, Conversation, MockToolCall, MockTurn, WireToolResult } from './wire';
