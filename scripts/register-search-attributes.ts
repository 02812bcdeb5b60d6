/**
 * Registers convene's custom search attributes on a Temporal cluster (the dev server registers them
 * itself at start). Safe to run twice: attributes already there are left alone.
 *   TEMPORAL_ADDRESS=… TEMPORAL_NAMESPACE=… npx tsx scripts/register-search-attributes.ts
 */
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributes } from '../domain/ids';
import { ConfigError, saidAtStart } from '../config/problems';
import { loadSettings } from '../config/settings';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
};

async function main(): Promise<void> {
  const settings = loadSettings();
  const options =
    settings.temporal.mode === 'external'
      ? { ...settings.temporal.connect.connectionOptions, address: settings.temporal.address }
      : { address: settings.temporal.address };
  const connection = await Connection.connect(options);
  const namespace = settings.temporal.namespace;
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = Object.values(searchAttributes).filter((key) => !known.has(key.name));
    if (!missing.length) {
      console.log(
        `All ${Object.keys(searchAttributes).length} search attributes are registered on ${namespace}.`,
      );
      return;
    }
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED[key.type]!])),
    });
    console.log(`Registered on ${namespace}: ${missing.map((k) => `${k.name} (${k.type})`).join(', ')}.`);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? saidAtStart(err) : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
