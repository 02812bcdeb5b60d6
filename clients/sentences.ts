/**
 * A sentence that travels as a catalog key and its values (a refusal from a workflow, a CLI
 * UserError, a refused start) said in the reader's language: its phrases, choices, lines and a
 * schema's problems rendered first. Nothing here loads the Temporal client or (until a time is
 * said) the calendars, so the CLI's start stays light.
 */
import type { Phrase, RefusalValues } from '../domain/rejection';
import { isMessageKey, type MessageKey, type Translator, type Values } from '../i18n/catalog';
import { issueLine } from './issues';

export function sentence(key: MessageKey, values: RefusalValues, reader: Translator): string {
  return reader.t(key, rendered(values, reader));
}

/**
 * A sentence the engine found (why two meetings no longer coincide), in the reader's language when
 * it came as a catalog phrase; as recorded, in English, when it did not (older histories).
 */
export function saidOr(said: Phrase | undefined, english: string, reader: Translator): string {
  return said ? sentence(said.phrase, said.values ?? {}, reader) : english;
}

function rendered(values: RefusalValues, reader: Translator): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) out[name] = renderValue(value, reader);
  return out;
}

function renderValue(value: RefusalValues[string], reader: Translator): string | number {
  if (typeof value !== 'object' || value === null) return value;
  if ('issues' in value && Array.isArray(value.issues)) {
    const lines = value.issues.map((issue) => issueLine(issue, reader));
    return value.asLines ? lines.map((line) => `  - ${line}`).join('\n') : lines.join('; ');
  }
  if ('at' in value && 'zone' in value) {
    // Loaded when a time is said, not when the CLI starts: i18n/dates brings the calendars.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, as said above
    const { formatTime } = require('../i18n/dates') as typeof import('../i18n/dates');
    return formatTime(reader, value.at, value.zone);
  }
  if ('lines' in value && Array.isArray(value.lines))
    return value.lines.map((line) => renderValue(line, reader)).join('\n');
  if ('anyOf' in value && Array.isArray(value.anyOf)) {
    const each = value.anyOf.map((p) => renderValue(p, reader));
    return new Intl.ListFormat(reader.locale, { type: 'disjunction' }).format(each.map(String));
  }
  if ('phrase' in value && isMessageKey(value.phrase))
    return reader.t(value.phrase, rendered(value.values ?? {}, reader));
  return JSON.stringify(value); // a shape this client does not know: shown, not lost
}
