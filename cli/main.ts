/**
 * `convene`: the operator's command-line tool. It talks to Temporal on a trusted connection; `--as`
 * on an action asserts who acts (authenticated users come with the web portal).
 */
import { Command, CommanderError } from 'commander';
import { CalendarError } from '../calendar/errors';
import { sentence } from '../clients/sentences';
import { ConfigError } from '../config/problems';
import { issueLine } from '../clients/issues';
import { issueDetails } from '../domain/issues';
import { translator, type Translator } from '../i18n/catalog';
import { cliTranslator, RejectedError, UpdateFailedError, UserError, type Output } from './output';

type Register = (command: Command, output: () => Output) => void;

/*
 * Every command, its one-line description, and how to load it. Only the command being run is
 * loaded: the others stay names in the help, so `convene --help` does not pay for the Temporal
 * client, the calendars or the schemas. `require`, not `import()`: a dynamic import would need
 * tsx's ESM loader in bin/convene, a second start-up cost.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading, see above */
const COMMANDS: { name: string; description: string; load: () => Register }[] = [
  {
    name: 'orgs',
    description: 'the partner directory (config/organizations.json)',
    load: () => (require('./commands/orgs') as typeof import('./commands/orgs')).registerOrgs,
  },
  {
    name: 'doctor',
    description: 'check the whole chain: Temporal server, a worker on the task queue, the directory activity',
    load: () => (require('./commands/doctor') as typeof import('./commands/doctor')).registerDoctor,
  },
  {
    name: 'decision',
    description: 'decisions of the meetings, tracked until implemented (ids: 7/94a or decision-7-94a)',
    load: () => (require('./commands/decision') as typeof import('./commands/decision')).registerDecision,
  },
  {
    name: 'committee',
    description: 'the standing committee: implementation digest, ideas for the next meeting, reviews',
    load: () => (require('./commands/committee') as typeof import('./commands/committee')).registerCommittee,
  },
  {
    name: 'report',
    description: 'reports for organizers and the committee',
    load: () => (require('./commands/report') as typeof import('./commands/report')).registerReport,
  },
  {
    name: 'cycle',
    description: 'preparation cycles of the high-level meetings',
    load: () => (require('./commands/cycle') as typeof import('./commands/cycle')).registerCycle,
  },
  {
    name: 'council',
    description: "the Security Council's meetings with regional organizations: briefers, speakers, outcome",
    load: () => (require('./commands/council') as typeof import('./commands/council')).registerCouncil,
  },
  {
    name: 'input',
    description: "a working group's input to a cycle",
    load: () => (require('./commands/input') as typeof import('./commands/input')).registerInput,
  },
  {
    name: 'agenda',
    description: 'the draft and final agenda of a cycle',
    load: () => (require('./commands/agenda') as typeof import('./commands/agenda')).registerAgenda,
  },
  {
    name: 'outcome',
    description: 'the outcome of a meeting',
    load: () => (require('./commands/agenda') as typeof import('./commands/agenda')).registerOutcome,
  },
  {
    name: 'slots',
    description: 'propose fair meeting times for organizations across zones, weekends and holidays',
    load: () => (require('./commands/slots') as typeof import('./commands/slots')).registerSlots,
  },
  {
    name: 'document',
    description: "a cycle's documents, from the shared store",
    load: () => (require('./commands/document') as typeof import('./commands/document')).registerDocument,
  },
  {
    name: 'keys',
    description: 'the encryption keys of the payload codec (the Temporal server sees only sealed payloads)',
    load: () => (require('./commands/keys') as typeof import('./commands/keys')).registerKeys,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** Global options that take a value: what follows them is not the command's name. */
const VALUED_OPTIONS = new Set(['--lang']);

/** The command named in the arguments: the first word that is neither an option nor its value. */
function commandIn(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUED_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The program for `argv`: every command named, the one it runs (if any) filled in. */
export function buildProgram(argv: string[] = process.argv): Command {
  const program = new Command('convene')
    .description(
      'Coordinate the annual high-level meetings between the United Nations and regional organizations.',
    )
    .option('--json', 'print machine-readable JSON instead of tables and sentences')
    .option(
      '--lang <language>',
      'language of what is printed for people: en, fr, es, ru, ar, zh (default: CONVENE_LANG, else en)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nStart the engine first with `npm start`; then, e.g.:\n  $ convene doctor\n  $ convene orgs list --json',
    );
  const output = (): Output => {
    const opts = program.opts<{ json?: boolean; lang?: string }>();
    return { json: Boolean(opts.json), t: cliTranslator(opts.lang) };
  };
  const chosen = commandIn(argv.slice(2));
  for (const { name, description, load } of COMMANDS) {
    const command = program.command(name).description(description);
    if (name === chosen) load()(command, output);
  }
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram(argv).exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return report(err, () => cliTranslator(program.opts<{ lang?: string }>().lang));
  }
}

/** Says what went wrong in a sentence a person can act on, and gives the exit code. Exported for its test. */
export function report(err: unknown, language: () => Translator): number {
  if (err instanceof CommanderError) return err.exitCode; // commander has printed its message
  if (err instanceof ConfigError) {
    console.error(say(language, (t) => err.sentence(t)));
    return 2;
  }
  // A calendar rule broken on this machine (a local time the clocks skip, say): said as the user's mistake.
  if (err instanceof CalendarError) {
    console.error(say(language, (t) => sentence(err.key, err.values, t)));
    return 1;
  }
  if (err instanceof UserError) {
    console.error(say(language, (t) => err.sentence(t)));
    return err.exitCode;
  }
  // The refusal's sentence and its frame, both in the reader's language.
  if (err instanceof RejectedError) {
    console.error(say(language, (t) => t.t('cli.rejected', { reason: err.sentence(t) })));
    return 1;
  }
  if (err instanceof UpdateFailedError) {
    console.error(say(language, (t) => t.t('cli.failed', { reason: err.message })));
    return 1;
  }
  // An edition, year or reference that names no workflow here: a sentence, never the SDK's stack.
  if (isWorkflowNotFound(err)) {
    console.error(say(language, (t) => t.t('cli.notFound', { workflowId: err.workflowId })));
    return 1;
  }
  // A value no boundary caught before: one line per problem, never zod's raw dump.
  if (isZodError(err)) {
    const details = issueDetails(err.issues, 'value', undefined);
    const lines = (t: Translator) => details.map((issue) => `  - ${issueLine(issue, t)}`).join('\n');
    console.error(say(language, (t) => t.t('cli.invalid', { lines: lines(t) })));
    return 2;
  }
  console.error(err);
  return 1;
}

/** By shape, so that the CLI's start does not load zod for a command that never uses it. */
function isZodError(err: unknown): err is { issues: Parameters<typeof issueDetails>[0] } {
  return (
    err instanceof Error && err.name === 'ZodError' && Array.isArray((err as { issues?: unknown }).issues)
  );
}

/** By name (the SDK marks its errors so), so that `convene --help` does not load the Temporal client. */
function isWorkflowNotFound(err: unknown): err is Error & { workflowId: string } {
  return (
    err instanceof Error &&
    err.name === 'WorkflowNotFoundError' &&
    typeof (err as { workflowId?: unknown }).workflowId === 'string'
  );
}

/** A failure line in the reader's language, or in English when --lang itself is what is wrong. */
function say(language: () => Translator, line: (t: Translator) => string): string {
  let t: Translator;
  try {
    t = language();
  } catch {
    t = translator('en');
  }
  return line(t);
}

if (require.main === module) {
  void run(process.argv).then((code) => process.exit(code));
}
