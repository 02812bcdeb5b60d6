import type { Command } from 'commander';
import { act, asOption } from '../act';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { formatInZone } from '../../calendar/format';
import { localDateTime } from '../../calendar/zones';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import { searchAttributes, workflowIds } from '../../domain/ids';
import {
  cancelUpdate,
  cycleStatusQuery,
  rescheduleUpdate,
  securityCouncilMovedUpdate,
  type CycleStatus,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import { cycleHandle } from '../cycle-target';
import { registerDraftNext } from './cycle-draft';
import { printJson, printTable, UserError, type Output } from '../output';
import { printCycleStatus } from '../status-view';
import { withClient } from '../temporal';

export function registerCycle(program: Command, output: () => Output): void {
  const cycle = program.command('cycle').description('preparation cycles of the high-level meetings');

  cycle
    .command('start <spec>')
    .description('launch the preparation cycle described by a YAML or JSON specification')
    .option('--rehearse', 'run the whole timeline compressed, marked as a rehearsal (edition id r<edition>)')
    .option('--seconds-per-day <n>', 'in a rehearsal, how many seconds one day of the timeline lasts', '5')
    .addHelpText(
      'after',
      `
Launching the same edition twice returns the existing cycle.

Examples:
  $ convene cycle start config/examples/hlm-27-2027.yaml
  $ convene cycle start config/examples/hlm-7-2006.yaml --rehearse --seconds-per-day 2
  $ convene cycle status r7`,
    )
    .action(async (specFile: string, opts: { rehearse?: boolean; secondsPerDay: string }) => {
      const secondsPerDay = Number(opts.secondsPerDay);
      if (!(secondsPerDay > 0 && secondsPerDay <= 86_400)) {
        throw new UserError(
          `--seconds-per-day: "${opts.secondsPerDay}" must be a number of seconds between 0 and 86400`,
        );
      }
      await withClient(async (client, settings) => {
        const input = resolveCycleSpec(readCycleSpecFile(specFile), `The cycle specification ${specFile}`, {
          directory: loadDirectory(settings.directoryFile),
          holidays: loadHolidayCalendars(),
          now: new Date(),
          rehearsal: opts.rehearse ? { secondsPerDay } : undefined,
          defaults: settings.policies,
        });
        const workflowId = workflowIds.cycle(input.editionKey);
        const existing = await isRunning(client, workflowId);
        const handle = await client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
          taskQueue: settings.taskQueue,
          workflowId,
          args: [input],
          // Launching the same edition twice returns the running cycle instead of failing.
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: [
            { key: searchAttributes.MeetingEdition, value: input.editionKey },
            { key: searchAttributes.CyclePhase, value: 'scheduled' },
            { key: searchAttributes.Rehearsal, value: Boolean(input.rehearsal) },
          ],
        });
        const status = await waitForTimeline(handle);
        if (output().json) return printJson(status);
        console.log(
          `${existing ? 'Already running' : 'Started'}: ${workflowId}${input.rehearsal ? ` (REHEARSAL, one day = ${secondsPerDay} s)` : ''}`,
        );
        printCycleStatus(status);
      });
    });

  cycle
    .command('status <edition>')
    .description('phase, milestones, working groups, pending actions and documents of a cycle')
    .addHelpText('after', '\nExamples:\n  $ convene cycle status 27\n  $ convene --json cycle status r7')
    .action(async (edition: string) => {
      await withClient(async (client) => {
        const status = await queryStatus(cycleHandle(client, edition), edition);
        if (output().json) return printJson(status);
        printCycleStatus(status);
      });
    });

  cycle
    .command('list')
    .description('every preparation cycle, newest first, with its phase')
    .action(async () => {
      await withClient(async (client) => {
        const rows: {
          workflowId: string;
          edition: string;
          phase: string;
          status: string;
          started: string;
        }[] = [];
        for await (const wf of client.workflow.list({ query: `WorkflowType = 'preparationCycle'` })) {
          rows.push({
            workflowId: wf.workflowId,
            edition: String(wf.typedSearchAttributes.get(searchAttributes.MeetingEdition) ?? ''),
            phase: String(wf.typedSearchAttributes.get(searchAttributes.CyclePhase) ?? ''),
            status: wf.status.name,
            started: wf.startTime.toISOString(),
          });
        }
        if (output().json) return printJson(rows);
        if (!rows.length) return console.log('No cycles yet. Launch one with `convene cycle start <spec>`.');
        printTable(
          ['workflow', 'edition', 'phase', 'status', 'started (UTC)'],
          rows.map((r) => [r.workflowId, r.edition, r.phase, r.status, r.started]),
        );
      });
    });

  cycle
    .command('reschedule <edition>')
    .description(
      'move the meeting: the timeline is re-planned, deadlines and reminders move, everyone is told',
    )
    .requiredOption(
      '--start <datetime>',
      "new start, local time in the meeting's zone (2027-09-30T10:00) or with offset",
    )
    .requiredOption('--end <datetime>', 'new end, as --start')
    .option('--venue <venue>', 'new venue')
    .option('--reason <text>', 'why, for the notice')
    .addOption(asOption())
    .addHelpText(
      'after',
      '\nExample:\n  $ convene cycle reschedule 27 --start 2027-09-30T10:00 --end 2027-09-30T18:00 --reason "General Assembly week" --as amina.rahman@un.example.org',
    )
    .action(
      async (
        edition: string,
        o: { start: string; end: string; venue?: string; reason?: string; as: string },
      ) => {
        await withClient(async (client) => {
          const handle = cycleHandle(client, edition);
          const zone = (await queryStatus(handle, edition)).meeting.timeZone;
          const status = await act(handle, rescheduleUpdate, {
            args: [
              {
                as: o.as,
                start: instant(o.start, zone, '--start'),
                end: instant(o.end, zone, '--end'),
                venue: o.venue,
                reason: o.reason,
              },
            ],
          });
          if (output().json) return printJson(status);
          console.log('Rescheduled. Everyone affected has been told.');
          printCycleStatus(status);
        });
      },
    );

  cycle
    .command('council-moved <edition>')
    .description('record that the Security Council meeting moved; convene checks the two still coincide')
    .requiredOption(
      '--start <datetime>',
      'new start of the Security Council meeting (New York time, or with offset)',
    )
    .option('--title <title>', 'its title, if it changed')
    .addOption(asOption())
    .action(async (edition: string, o: { start: string; title?: string; as: string }) => {
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), securityCouncilMovedUpdate, {
          args: [{ as: o.as, start: instant(o.start, 'America/New_York', '--start'), title: o.title }],
        });
        if (output().json) return printJson(result);
        console.log(
          result.coincide ? `Still coincide. ${result.explanation}` : `WARNING: ${result.explanation}`,
        );
      });
    });

  cycle
    .command('cancel <edition>')
    .description('cancel the cycle: groups closed, cancellation notices and calendar cancellations sent')
    .requiredOption('--reason <text>', 'why; it is sent to everyone')
    .addOption(asOption())
    .action(async (edition: string, o: { reason: string; as: string }) => {
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), cancelUpdate, {
          args: [{ as: o.as, reason: o.reason }],
        });
        if (output().json) return printJson(result);
        console.log(`Cancelled at ${formatInZone(result.cancelledAt, 'UTC')}. Everyone has been told.`);
      });
    });
  registerDraftNext(cycle, output);
}

export async function queryStatus(
  handle: ReturnType<typeof cycleHandle>,
  edition: string,
): Promise<CycleStatus> {
  try {
    return await handle.query(cycleStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new UserError(
        `There is no cycle ${edition}. See \`convene cycle list\`, or launch one with \`convene cycle start <spec>\`.`,
      );
    }
    throw err;
  }
}

async function isRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** The first answer once the timeline is planned, so `start` can show the milestones. */
async function waitForTimeline(handle: ReturnType<typeof cycleHandle>): Promise<CycleStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await handle.query(cycleStatusQuery);
    if (status.milestones.length || status.phase === 'cancelled') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return handle.query(cycleStatusQuery);
}

/** A date-time as typed (local in `zone`, or with an offset) as an instant. */
export function instant(value: string, zone: string, option: string): string {
  try {
    return localDateTime(value, zone, option).toUTC().toISO()!;
  } catch (err) {
    throw new UserError(`${option}: ${(err as Error).message}`);
  }
}
