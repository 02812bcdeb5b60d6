/**
 * `convene`: the operator's command-line tool. It talks to Temporal on a trusted connection; `--as`
 * on an action asserts who acts (authenticated users come with the web portal).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/problems';
import { registerAgenda } from './commands/agenda';
import { registerCommittee } from './commands/committee';
import { registerCycle } from './commands/cycle';
import { registerDecision } from './commands/decision';
import { registerDoctor } from './commands/doctor';
import { registerInput } from './commands/input';
import { registerKeys } from './commands/keys';
import { registerOrgs } from './commands/orgs';
import { registerReport } from './commands/report';
import { registerSlots } from './commands/slots';
import { RejectedError, UpdateFailedError } from './act';
import { translator, type Translator } from '../i18n/catalog';
import { cliTranslator, UserError, type Output } from './output';

export function buildProgram(): Command {
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
  registerOrgs(program, output);
  registerDoctor(program, output);
  registerDecision(program, output);
  registerCommittee(program, output);
  registerReport(program, output);
  registerCycle(program, output);
  registerInput(program, output);
  registerAgenda(program, output);
  registerSlots(program, output);
  registerKeys(program, output);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return report(err, () => cliTranslator(program.opts<{ lang?: string }>().lang));
  }
}

function report(err: unknown, language: () => Translator): number {
  if (err instanceof CommanderError) return err.exitCode; // commander has printed its message
  if (err instanceof ConfigError) {
    console.error(err.message);
    return 2;
  }
  if (err instanceof UserError) {
    console.error(err.message);
    return err.exitCode;
  }
  // The reason is the workflow's own sentence (English); the frame is in the reader's language.
  if (err instanceof RejectedError) {
    console.error(say(language, 'cli.rejected', err.message));
    return 1;
  }
  if (err instanceof UpdateFailedError) {
    console.error(say(language, 'cli.failed', err.message));
    return 1;
  }
  console.error(err);
  return 1;
}

/** A failure line in the reader's language, or in English when --lang itself is what is wrong. */
function say(language: () => Translator, key: 'cli.rejected' | 'cli.failed', reason: string): string {
  let t: Translator;
  try {
    t = language();
  } catch {
    t = translator('en');
  }
  return t.t(key, { reason });
}

if (require.main === module) {
  void run(process.argv).then((code) => process.exit(code));
}
