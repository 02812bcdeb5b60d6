import type { Command } from 'commander';
import { act, asOption } from '../act';
import {
  decideExtensionUpdate,
  groupStatusQuery,
  requestExtensionUpdate,
  reviewInputUpdate,
  submitInputUpdate,
} from '../../workflows/definitions/working-group-input';
import { formatTime } from '../../i18n/dates';
import { groupHandle, onGroup } from '../cycle-target';
import { printJson, UserError, type Output } from '../output';
import { withClient } from '../temporal';
import { readDataFile } from '../data-file';
import { instant } from './cycle';

/** Fills in `convene input` (its name and description are in cli/main.ts). */
export function registerInput(command: Command, output: () => Output): void {
  const input = command;

  input
    .command('submit <edition> <group> <file>')
    .description("submit (or resubmit) the group's input from a YAML or JSON file; prints the receipt")
    .addOption(asOption())
    .addHelpText(
      'after',
      `
The file holds: summary, agendaItems (title, description, area, durationMinutes),
draftRecommendations (text), attachments (title, ref). See config/examples/input-peacekeeping.yaml.

Example:
  $ convene input submit 27 peacekeeping config/examples/input-peacekeeping.yaml --as kwame.asante@au.example.org`,
    )
    .action(async (edition: string, group: string, file: string, o: { as: string }) => {
      const content = readDataFile(file);
      await withClient(async (client) => {
        const receipt = await onGroup(edition, group, () =>
          act(groupHandle(client, edition, group), submitInputUpdate, {
            args: [{ as: o.as, input: content as never }],
          }),
        );
        if (output().json) return printJson(receipt);
        const { t } = output();
        const when = (iso: string) => formatTime(t, iso, receipt.timeZone ?? 'UTC');
        const key = receipt.duplicate
          ? receipt.onTime
            ? 'cli.input.alreadyReceived'
            : 'cli.input.alreadyReceivedLate'
          : receipt.onTime
            ? 'cli.input.received'
            : 'cli.input.receivedLate';
        console.log(
          t.t(key, {
            group,
            version: receipt.version,
            time: when(receipt.receivedAt),
            deadline: when(receipt.deadline),
          }),
        );
      });
    });

  input
    .command('review <edition> <group>')
    .description("accept the group's latest input, or ask for a revision with comments")
    .requiredOption('--version <n>', 'the version reviewed (see `convene input status`)')
    .option('--accept', 'accept it')
    .option('--revise <comments>', 'ask for a revision, with these comments for the chair')
    .addOption(asOption())
    .action(
      async (
        edition: string,
        group: string,
        o: { version: string; accept?: boolean; revise?: string; as: string },
      ) => {
        if (Boolean(o.accept) === Boolean(o.revise)) throw new UserError('cli.error.acceptOrRevise');
        const version = Number(o.version);
        const request = o.accept
          ? { as: o.as, decision: 'accept' as const, version }
          : { as: o.as, decision: 'revise' as const, version, comments: o.revise ?? '' };
        await withClient(async (client) => {
          const reviewed = await onGroup(edition, group, () =>
            act(groupHandle(client, edition, group), reviewInputUpdate, {
              args: [request],
            }),
          );
          if (output().json) return printJson(reviewed);
          const verdict =
            reviewed.review?.decision === 'accepted' ? 'cli.input.accepted' : 'cli.input.revisionRequested';
          console.log(output().t.t(verdict, { version: reviewed.version, group }));
        });
      },
    );

  input
    .command('extend <edition> <group>')
    .description('(chair) ask the organizers for a later deadline')
    .requiredOption('--until <datetime>', "new deadline, local time in the meeting's zone or with offset")
    .requiredOption('--reason <text>', 'why')
    .option('--zone <zone>', 'zone of --until when it has no offset', 'America/New_York')
    .addOption(asOption())
    .action(
      async (
        edition: string,
        group: string,
        o: { until: string; reason: string; zone: string; as: string },
      ) => {
        await withClient(async (client) => {
          const request = await onGroup(edition, group, () =>
            act(groupHandle(client, edition, group), requestExtensionUpdate, {
              args: [{ as: o.as, until: instant(o.until, o.zone, '--until'), reason: o.reason }],
            }),
          );
          if (output().json) return printJson(request);
          const { t } = output();
          console.log(
            t.t('cli.input.extensionRequested', {
              time: formatTime(t, request.until, o.zone),
              command: '`convene input decide`',
            }),
          );
        });
      },
    );

  input
    .command('decide <edition> <group>')
    .description("(organizer) grant or refuse the group's pending extension request")
    .option('--grant', 'grant it: the deadline and the reminders move')
    .option('--deny', 'refuse it (give --reason)')
    .option('--reason <text>', 'for the chair')
    .addOption(asOption())
    .action(
      async (
        edition: string,
        group: string,
        o: { grant?: boolean; deny?: boolean; reason?: string; as: string },
      ) => {
        if (Boolean(o.grant) === Boolean(o.deny)) throw new UserError('cli.error.grantOrDeny');
        await withClient(async (client) => {
          const decided = await onGroup(edition, group, () =>
            act(groupHandle(client, edition, group), decideExtensionUpdate, {
              args: [{ as: o.as, grant: Boolean(o.grant), reason: o.reason }],
            }),
          );
          if (output().json) return printJson(decided);
          const key = decided.decision?.granted ? 'cli.input.extensionGranted' : 'cli.input.extensionRefused';
          console.log(output().t.t(key));
        });
      },
    );

  input
    .command('status <edition> <group>')
    .description("the group's deadline, submissions and reviews, reminders and extension requests")
    .action(async (edition: string, group: string) => {
      await withClient(async (client) => {
        const view = await onGroup(edition, group, () =>
          groupHandle(client, edition, group).query(groupStatusQuery),
        );
        if (output().json) return printJson(view);
        const { t } = output();
        const when = (iso: string) => formatTime(t, iso, view.meetingZone);
        console.log(
          t.t('cli.input.status', {
            title: view.title,
            status: view.status,
            deadline: when(view.deadline),
            versions: view.submissions.length,
            reminders: view.remindersSent,
          }),
        );
        for (const sub of view.submissions) {
          const version = { version: sub.version, by: sub.submittedBy, time: when(sub.receivedAt) };
          const review = sub.review
            ? t.t('cli.input.reviewedBy', { decision: sub.review.decision, by: sub.review.by })
            : t.t('cli.input.awaitingReview');
          console.log(
            `  ${t.t(sub.late ? 'cli.input.versionLate' : 'cli.input.version', version)} — ${review}`,
          );
        }
      });
    });
}
