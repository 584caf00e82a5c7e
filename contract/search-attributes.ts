import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes: registered by `gauntlet dev` / `gauntlet worker` and the tests' dev server. */
export const RUN_ID_ATTR = defineSearchAttributeKey('GauntletRunId', SearchAttributeType.KEYWORD);
export const STATE_ATTR = defineSearchAttributeKey('GauntletState', SearchAttributeType.KEYWORD);
export const SEARCH_ATTRIBUTES = [RUN_ID_ATTR, STATE_ATTR];
