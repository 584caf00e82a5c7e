import { describe, expect, it } from 'vitest';
import { capabilityQueue } from '../../contract/capabilities';
import { armNeed, describeNeed, howToServe, phaseNeeds, servedQueues } from '../../eval/capabilities';
import { providersWithKeys } from '../../models/provider-keys';

const arm = (model: string) => ({ name: model, model, params: { max_tokens: 256 } });

describe('capabilities', () => {
  it('an arm needs its provider key (not for reference, replay, mock) and the phase environment', () => {
    expect(armNeed(undefined, arm('anthropic/claude-sonnet-4-5'))).toEqual({ provider: 'anthropic' });
    expect(armNeed('bigcodebench-ci', arm('google/gemini-2.5-flash'))).toEqual({ environment: 'bigcodebench-ci', provider: 'google' });
    expect(armNeed('bigcodebench-ci', arm('reference'))).toEqual({ environment: 'bigcodebench-ci' });
    expect(armNeed(undefined, arm('reference'))).toBeNull();
    expect(armNeed(undefined, arm('mock'))).toBeNull();
    const phase = { suite: { name: 'bigcodebench-hard', options: { environment: 'bigcodebench-ci' } } };
    expect(phaseNeeds(phase, {}, [arm('reference'), arm('openai/gpt-4o')])).toEqual([{ environment: 'bigcodebench-ci' }, { environment: 'bigcodebench-ci', provider: 'openai' }]);
    expect(phaseNeeds({ suite: { name: 'humaneval' } }, {}, [arm('reference')])).toBeNull();
  });

  it('names one queue per need, and a worker polls every combination it can serve', () => {
    expect(capabilityQueue('gauntlet', null)).toBe('gauntlet');
    expect(capabilityQueue('gauntlet', { environment: 'bigcodebench-ci', provider: 'anthropic' })).toBe('gauntlet@env=bigcodebench-ci@provider=anthropic');
    expect(servedQueues('q', { environments: ['bigcodebench-ci'], providers: ['anthropic', 'openai'] }).sort()).toEqual(
      ['q@provider=anthropic', 'q@provider=openai', 'q@env=bigcodebench-ci', 'q@env=bigcodebench-ci@provider=anthropic', 'q@env=bigcodebench-ci@provider=openai'].sort(),
    );
    expect(servedQueues('q', { environments: [], providers: [] })).toEqual([]);
    expect(providersWithKeys({ GEMINI_API_KEY: 'k', OPENAI_API_KEY: '' })).toEqual(['google']);
  });

  it('says what is missing and the commands that serve it', () => {
    const need = { environment: 'bigcodebench-ci', provider: 'anthropic' };
    expect(describeNeed(need)).toBe('environment bigcodebench-ci and ANTHROPIC_API_KEY');
    expect(howToServe(need, 'gauntlet')).toBe('`gauntlet env create bigcodebench-ci`, then export ANTHROPIC_API_KEY=..., then `gauntlet worker --task-queue gauntlet`');
  });
});
