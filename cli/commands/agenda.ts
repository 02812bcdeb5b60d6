import type { Command } from 'commander';
import { act, asOption } from '../act';
import {
  approveAgendaUpdate,
  commentOnAgendaUpdate,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import type { Client } from '@temporalio/client';
import type { Translator } from '../../i18n/catalog';
import { formatTime } from '../../i18n/dates';
import { cycleHandle, editionKeyOf } from '../cycle-target';
import { documentLine } from '../status-view';
import { queryStatus } from './cycle';
import { printJson, type Output } from '../output';
import { withClient } from '../temporal';
import { readDataFile } from '../data-file';

/** Fills in `convene agenda` (its name and description are in cli/main.ts). */
export function registerAgenda(command: Command, output: () => Output): void {
  const agenda = command;
  agenda
    .command('comment <edition>')
    .description(
      '(focal point of a participating organization) comment on the draft agenda during the comment period',
    )
    .requiredOption('--text <text>', 'the comment')
    .option('--item <title>', 'the agenda item it is about')
    .addOption(asOption())
    .action(async (edition: string, o: { text: string; item?: string; as: string }) => {
      await withClient(async (client) => {
        const comment = await act(cycleHandle(client, edition), commentOnAgendaUpdate, {
          args: [{ as: o.as, text: o.text, item: o.item }],
        });
        if (output().json) return printJson(comment);
        const { t } = output();
        const time = await meetingTime(client, edition, comment.at, t);
        console.log(t.t('cli.agenda.commented', { organization: comment.organization.toUpperCase(), time }));
      });
    });
  agenda
    .command('approve <edition>')
    .description('(organizer) approve the agenda: the final agenda is written and the invitations go out')
    .option('--note <text>', 'a note for the record')
    .addOption(asOption())
    .action(async (edition: string, o: { note?: string; as: string }) => {
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), approveAgendaUpdate, {
          args: [{ as: o.as, note: o.note }],
        });
        if (output().json) return printJson(result);
        const { t } = output();
        console.log(
          t.t('cli.agenda.approved', { time: await meetingTime(client, edition, result.approvedAt, t) }),
        );
      });
    });
}

/** Fills in `convene outcome` (its name and description are in cli/main.ts). */
export function registerOutcome(command: Command, output: () => Output): void {
  command
    .command('record <edition> <file>')
    .description(
      '(organizer, after the meeting) record the decisions taken; each is tracked until implemented',
    )
    .addOption(asOption())
    .addHelpText(
      'after',
      '\nThe file holds: summary, decisions (ref, text, area, lead, responsible, dueDate).\nExample:\n  $ convene outcome record r7 config/examples/outcome-hlm-7.yaml --as amina.rahman@un.example.org',
    )
    .action(async (edition: string, file: string, o: { as: string }) => {
      const content = readDataFile(file) as Record<string, unknown>;
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), recordOutcomeUpdate, {
          args: [{ ...content, as: o.as } as never],
        });
        if (output().json) return printJson(result);
        const { t } = output();
        console.log(
          t.t('cli.agenda.outcome', {
            count: result.decisions.length,
            list: result.decisions.join(', '),
            report: documentLine(result.report, editionKeyOf(edition), t),
          }),
        );
      });
    });
}

/** An instant of the cycle's plan, shown in the meeting's zone. */
async function meetingTime(client: Client, edition: string, iso: string, t: Translator): Promise<string> {
  const status = await queryStatus(cycleHandle(client, edition), edition);
  return formatTime(t, iso, status.meeting.timeZone);
}
