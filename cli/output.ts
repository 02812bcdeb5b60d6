/** How the CLI prints: a table for people (in their --lang), JSON (with --json) for scripts; and what it fails with. */
import { canonicalLanguage } from '../domain/language-tags';
import type { RefusalValues, RejectionCode } from '../domain/rejection';
import { translator, type MessageKey, type Translator } from '../i18n/catalog';
import { sentence } from '../clients/sentences';

export interface Output {
  json: boolean;
  /** The language of what is printed for a person; JSON for scripts is never translated. */
  t: Translator;
}

/**
 * `--lang`, else CONVENE_LANG, else English; an unknown language stops the command (exit 2) with
 * the fix, as a bad setting does.
 */
export function cliTranslator(lang: string | undefined, env: NodeJS.ProcessEnv = process.env): Translator {
  const wanted = lang || env.CONVENE_LANG || 'en';
  const canonical = canonicalLanguage(wanted);
  if (!canonical) {
    throw new UserError('cli.error.unknownLanguage', { wanted }, 2);
  }
  return translator(canonical);
}

/** "Started: council-session-r2005 (REHEARSAL, one day = 6 s)", as `cycle start` says it too. */
export function startedLine(
  t: Translator,
  o: { existing: boolean; id: string; secondsPerDay?: number | false | undefined },
): string {
  const line = t.t(o.existing ? 'cli.start.alreadyRunning' : 'cli.start.started', { id: o.id });
  return o.secondsPerDay ? `${line} ${t.t('cli.start.rehearsal', { seconds: o.secondsPerDay })}` : line;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A plain text table: columns as wide as their widest cell. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n',
  );
}

/** The sentences a UserError says: `cli.error.*` messages of the catalogs, and a refused start's. */
export type UserErrorKey = Extract<MessageKey, `cli.error.${string}` | `start.refused.${string}`>;

/**
 * A failure the user can act on: printed without a stack, exit code 1 (2 for configuration). Like
 * a workflow's refusal (domain/rejection.ts) it carries a catalog key and its values, and is said
 * in the reader's language where it is printed (cli/main.ts); its `message` is the English.
 */
export class UserError extends Error {
  constructor(
    readonly key: UserErrorKey,
    readonly values: RefusalValues = {},
    readonly exitCode = 1,
  ) {
    super(sentence(key, values, translator('en')));
  }

  sentence(reader: Translator): string {
    return sentence(this.key, this.values, reader);
  }
}

/** A workflow refused the action (see cli/act.ts): printed as `Rejected: <reason>`, exit code 1. */
export class RejectedError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    /** The refusal's sentence in the reader's language. */
    readonly sentence: (reader: Translator) => string = () => message,
  ) {
    super(message);
  }
}

/** An action failed for another reason than a refusal: exit code 1, and what to try. */
export class UpdateFailedError extends Error {}
