import type { Command } from 'commander';
import { act, asOption } from '../act';
import {
  approveAgendaUpdate,
  commentOnAgendaUpdate,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import type { Client } from '@temporalio/client';
import { formatInZone } from '../../calendar/format';
import { cycleHandle, editionKeyOf } from '../cycle-target';
import { documentLine } from '../status-view';
import { queryStatus } from './cycle';
import { printJson, type Output } from '../output';
import { withClient } from '../temporal';
import { readDataFile } from './input';

export function registerAgenda(program: Command, output: () => Output): void {
  const agenda = program.command('agenda').description('the draft and final agenda of a cycle');
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
        console.log(
          `Comment recorded for ${comment.organization.toUpperCase()} at ${await meetingTime(client, edition, comment.at)}.`,
        );
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
        console.log(
          `Agenda approved at ${await meetingTime(client, edition, result.approvedAt)}; the invitations go out at the invitations milestone.`,
        );
      });
    });

  program
    .command('outcome')
    .description('the outcome of a meeting')
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
        console.log(
          `Outcome recorded: ${result.decisions.length} decisions tracked (${result.decisions.join(', ')}).\nReport: ${documentLine(result.report, editionKeyOf(edition))}`,
        );
      });
    });
}

/** An instant of the cycle's plan, shown in the meeting's zone. */
async function meetingTime(client: Client, edition: string, iso: string): Promise<string> {
  const status = await queryStatus(cycleHandle(client, edition), edition);
  return formatInZone(iso, status.meeting.timeZone);
}
