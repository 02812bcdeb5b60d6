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
import { registerDocument } from './commands/document';
import { registerInput } from './commands/input';
import { registerOrgs } from './commands/orgs';
import { registerReport } from './commands/report';
import { registerSlots } from './commands/slots';
import { RejectedError, UpdateFailedError } from './act';
import { UserError, type Output } from './output';

export function buildProgram(): Command {
  const program = new Command('convene')
    .description(
      'Coordinate the annual high-level meetings between the United Nations and regional organizations.',
    )
    .option('--json', 'print machine-readable JSON instead of tables and sentences')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nStart the engine first with `npm start`; then, e.g.:\n  $ convene doctor\n  $ convene orgs list --json',
    );
  const output = (): Output => ({ json: Boolean(program.opts<{ json?: boolean }>().json) });
  registerOrgs(program, output);
  registerDoctor(program, output);
  registerDecision(program, output);
  registerCommittee(program, output);
  registerReport(program, output);
  registerCycle(program, output);
  registerInput(program, output);
  registerAgenda(program, output);
  registerDocument(program, output);
  registerSlots(program, output);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode; // commander has printed its message
  if (err instanceof ConfigError) {
    console.error(err.message);
    return 2;
  }
  if (err instanceof UserError) {
    console.error(err.message);
    return err.exitCode;
  }
  if (err instanceof RejectedError) {
    console.error(`Rejected: ${err.message}`);
    return 1;
  }
  if (err instanceof UpdateFailedError) {
    console.error(`Failed: ${err.message}`);
    return 1;
  }
  console.error(err);
  return 1;
}

if (require.main === module) {
  void run(process.argv).then((code) => process.exit(code));
}
