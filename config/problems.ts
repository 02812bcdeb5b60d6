import type { z } from 'zod';
import { sentence } from '../clients/sentences';
import { issueDetails } from '../domain/issues';
import type { Phrase, RefusalValues } from '../domain/rejection';
import { canonicalLanguage } from '../domain/language-tags';
import { translator, type MessageKey, type Translator } from '../i18n/catalog';

/**
 * What a configuration problem is about ("The cycle specification spec.yaml"): a `config.source.*`
 * phrase, or a name as the caller gave it (a test's, a script's), shown as it is.
 */
export type ConfigSource = Phrase | string;

/**
 * One problem, naming the key, what is wrong and how to fix it: a `config.problem.*` phrase (or a
 * calendar's), said in the reader's language where it is printed.
 */
export type ConfigProblem = Phrase;

export function problem(key: MessageKey, values?: RefusalValues): ConfigProblem {
  return values ? { phrase: key, values } : { phrase: key };
}

/**
 * A configuration that cannot be used: one line per problem, each naming the key, what is wrong
 * and how to fix it. Start-up stops on it (see workers/main.ts). Like a refusal it carries catalog
 * phrases, said in the reader's language (`sentence`); `message`, `source` and `problems` are the
 * English, as they always read.
 */
export class ConfigError extends Error {
  /** The English of `about`. */
  readonly source: string;
  /** The English of each of `lines`. */
  readonly problems: string[];

  constructor(
    readonly about: ConfigSource,
    readonly lines: readonly ConfigProblem[],
  ) {
    super(said(translator('en'), about, lines));
    this.source = englishOf(about);
    this.problems = lines.map(english);
    this.name = 'ConfigError';
  }

  /** The whole message in the reader's language. */
  sentence(reader: Translator): string {
    return said(reader, this.about, this.lines);
  }
}

/**
 * What a process that stops at start prints: the message in the language CONVENE_LANG names, as
 * the CLI does; English when it is unset or names no language we have.
 */
export function saidAtStart(err: ConfigError, env: NodeJS.ProcessEnv = process.env): string {
  const tag = env.CONVENE_LANG ? canonicalLanguage(env.CONVENE_LANG) : undefined;
  return err.sentence(translator(tag ?? 'en'));
}

/** A source's English: "The cycle specification spec.yaml". */
export function englishOf(source: ConfigSource): string {
  return typeof source === 'string' ? source : english(source);
}

function said(reader: Translator, about: ConfigSource, lines: readonly ConfigProblem[]): string {
  const say = (p: Phrase) => (reader.base === 'en' ? english(p) : sentence(p.phrase, p.values ?? {}, reader));
  return reader.t('config.problems', {
    source: typeof about === 'string' ? about : say(about),
    count: lines.length,
    lines: lines.map((line) => `  - ${say(line)}`).join('\n'),
  });
}

/**
 * A phrase's English as it has always read: a time as its `shown` English (the calendar's own
 * words), everything else through the one renderer.
 */
function english(p: Phrase): string {
  return sentence(p.phrase, shownTimes(p.values ?? {}), translator('en'));
}

function shownTimes(values: RefusalValues): RefusalValues {
  const out: RefusalValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object' && 'shown' in value) out[name] = value.shown;
    else if (typeof value === 'object' && 'phrase' in value)
      out[name] = { ...value, values: shownTimes(value.values ?? {}) };
    else out[name] = value;
  }
  return out;
}

/** The configuration source phrases. */
export const sources = {
  cycleSpec: (file: string) => problem('config.source.cycleSpec', { file }),
  directory: (file: string) => problem('config.source.directory', { file }),
  committee: (file: string) => problem('config.source.committee', { file }),
  councilAffairs: (file: string) => problem('config.source.councilAffairs', { file }),
  councilSession: (file: string) => problem('config.source.councilSession', { file }),
  councilOutcome: (file: string) => problem('config.source.councilOutcome', { file }),
  sessionSecret: (file: string) => problem('config.source.sessionSecret', { file }),
  environment: () => problem('config.source.environment'),
  temporalConnection: () => problem('config.source.temporalConnection'),
  /** A file named on the command line, as it was named. */
  file: (file: string) => problem('config.source.file', { file }),
};

/**
 * Zod issues as problems, one each: `path: rule` in the reader's language (clients/issues.ts),
 * with the fix for the setting when one is known; `under` prefixes each path (`timeline.`).
 * `value` is what was parsed: a value of the wrong type is named by its type, never shown.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  o: { value?: unknown; fixes?: Record<string, Phrase>; under?: string } = {},
): ConfigProblem[] {
  return issueDetails(issues, '(whole value)', o.value).map((detail, i) => {
    const issue = { issues: [{ ...detail, where: `${o.under ?? ''}${detail.where}` }] };
    const fix = o.fixes?.[String(issues[i]?.path[0] ?? '')];
    return fix
      ? problem('config.problem.issueFix', { issue, fix })
      : problem('config.problem.issue', { issue });
  });
}
