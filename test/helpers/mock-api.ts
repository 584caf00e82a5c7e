import { afterAll, beforeAll } from 'vitest';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import { loadSuite } from '../../eval/suites';
import { HUMANEVAL } from './temporal';

/** The simulated API over the first `tasks` HumanEval tasks for one test file (started before, closed after). */
export function useMockApi(tasks: number): () => MockApi {
  let mock: MockApi | undefined;
  beforeAll(async () => {
    const suite = await loadSuite({ name: 'humaneval', data: HUMANEVAL });
    mock = await startMockApi({ tasks: suite.tasks.slice(0, tasks), answers: 'canonical' });
  });
  afterAll(async () => {
    await mock?.close();
  });
  return () => {
    if (!mock) throw new Error('the simulated API is used before beforeAll started it');
    return mock;
  };
}
