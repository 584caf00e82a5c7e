import { Connection, type ConnectionOptions } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;
import { SEARCH_ATTRIBUTES } from '../contract/search-attributes';

/**
 * Registers Gauntlet's search attributes on a server that lacks them (a plain `temporal server
 * start-dev`, a self-hosted cluster). Without them every run's first workflow task would fail.
 * Best effort: Temporal Cloud registers them in its console, so a refusal is only a warning.
 */
export async function ensureSearchAttributes(connectionOptions: ConnectionOptions, namespace: string, log: (s: string) => void): Promise<void> {
  const connection = await Connection.connect(connectionOptions);
  try {
    const have = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((k) => !have.customAttributes?.[k.name]);
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
    });
    log(`registered search attributes ${missing.map((k) => k.name).join(', ')} in namespace ${namespace}`);
  } catch (e) {
    log(
      `warning: could not check or register search attributes ${SEARCH_ATTRIBUTES.map((k) => k.name).join(', ')} ` +
        `(${(e as Error).message}); register them as Keyword (e.g. \`temporal operator search-attribute create --name GauntletRunId --type Keyword\`)`,
    );
  } finally {
    await connection.close();
  }
}
