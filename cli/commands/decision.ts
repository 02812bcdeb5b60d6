/**
 * `convene decision …`: list and show decisions, act on them (report, claim, verify, reject, extend,
 * reassign, withdraw, supersede) and import the decisions of a meeting from a file.
 */
import { act, asOption } from '../act';
import { Option, type Command } from 'commander';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { announceToCommittee } from '../../clients/committee';
import { listDecisions } from '../../clients/decisions';
import { loadStandingCommittee } from '../../config/committee';
import { loadDirectory, type Directory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import type { DecisionFilter } from '../../clients/decisions';
import type { DecisionListing } from '../../domain/committee';
import { issueLines } from '../../domain/issues';
import {
  DECISION_STATUSES,
  DecisionStatus,
  EditionKey,
  isOverdueAt,
  type ActionReceipt,
  type DecisionView,
} from '../../domain/decision';
import { DecisionFile, organizationsNamed, trackingInputs } from '../../domain/decision-import';
import { editionKey, workflowIds } from '../../domain/ids';
import {
  claimImplementedUpdate,
  decisionStatusQuery,
  extendDueDateUpdate,
  reassignLeadUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  supersedeUpdate,
  verifyUpdate,
  withdrawUpdate,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import type { Translator } from '../../i18n/catalog';
import { printJson, printTable, UserError, type Output } from '../output';
import { withClient } from '../temporal';
import { trustedOrganizer } from '../trusted-start';
import { inputHash, StartRefused, startOnce } from '../../clients/starts';
import { readDataFile } from '../data-file';

/** "decision-7-94a" as it is, or "7/94a" (edition/ref). */
export function decisionId(argument: string): string {
  if (argument.startsWith('decision-')) return argument;
  const match = /^(r?\d+)\/([a-z0-9][a-z0-9-]*)$/.exec(argument);
  if (!match)
    throw new UserError(`"${argument}" is not a decision: write 7/94a (edition/ref) or decision-7-94a`);
  return workflowIds.decision(match[1]!, match[2]!);
}

/** Fills in `convene decision` (its name and description are in cli/main.ts). */
export function registerDecision(command: Command, output: () => Output): void {
  const decision = command;
  registerList(decision, output);
  registerShow(decision, output);
  for (const action of ACTIONS) registerAction(decision, output, action);
  registerImport(decision, output);
}

// ── list / show ─────────────────────────────────────────────────────────────────────────────────────

interface ListOptions {
  status?: string;
  lead?: string;
  overdue?: boolean;
  edition?: string;
  rehearsal?: boolean;
  limit: string;
}

/** What `decision list` asks visibility; exported for the benchmark, which times it. */
export function listFilter(o: ListOptions, settings: Settings, now = new Date()): DecisionFilter {
  const status = o.status === undefined ? undefined : DecisionStatus.safeParse(o.status);
  if (status && !status.success) {
    throw new UserError(`--status must be one of ${DECISION_STATUSES.join(', ')}; got "${o.status}"`);
  }
  // "--edition 8 --rehearsal" and "--edition r8" both mean the rehearsal of the eighth meeting.
  const rehearsal = Boolean(o.rehearsal) || Boolean(o.edition?.startsWith('r'));
  const edition = o.edition && editionKey(Number(o.edition.replace(/^r/, '')), rehearsal);
  if (o.edition && !EditionKey.safeParse(edition).success) {
    throw new UserError(
      `--edition must be a meeting number such as 7 (or r7 for its rehearsal); got "${o.edition}"`,
    );
  }
  return {
    taskQueue: settings.taskQueue,
    rehearsal,
    ...(status ? { status: status.data } : {}),
    ...(o.lead ? { lead: o.lead.toLowerCase() } : {}),
    ...(edition ? { edition } : {}),
    ...(o.overdue ? { overdueAt: now.toISOString() } : {}),
  };
}

function registerList(decision: Command, output: () => Output): void {
  decision
    .command('list')
    .description('decisions from visibility, filtered by status, lead, edition or overdue')
    .option('--status <status>', `one of ${DECISION_STATUSES.join(', ')}`)
    .option('--lead <org>', 'lead organization id, e.g. au')
    .option('--overdue', 'only decisions past their due date and not claimed or closed')
    .option('--edition <edition>', 'e.g. 7')
    .option('--rehearsal', 'rehearsal decisions instead of real ones')
    .option('--limit <n>', 'at most this many', '200')
    .addHelpText(
      'after',
      '\nExamples:\n  $ convene decision list --overdue\n  $ convene decision list --status stalled --lead au\n  $ convene --json decision list --edition 7',
    )
    .action(async (o: ListOptions) => {
      await withClient(async (client, settings) => {
        const listings = await listDecisions(client, listFilter(o, settings), Number(o.limit));
        if (output().json) return printJson(listings);
        printListings(listings, output().t);
      });
    });
}

function printListings(listings: DecisionListing[], t: Translator): void {
  const now = Date.now();
  printTable(
    (['cli.col.decision', 'cli.col.status', 'cli.col.lead', 'cli.col.due', 'cli.col.title'] as const).map(
      (k) => t.t(k),
    ),
    listings.map((d) => [
      `${d.edition}/${d.ref}`,
      d.status + (d.running && isOverdueAt(d, now) ? ` ${t.t('cli.decision.overdue')}` : ''),
      d.lead,
      d.dueDate.slice(0, 10),
      d.title,
    ]),
  );
  console.log(`\n${t.t('cli.decision.count', { count: listings.length })}`);
}

function registerShow(decision: Command, output: () => Output): void {
  decision
    .command('show <id>')
    .description('the whole record of a decision: status, reports, responses, claims, notices')
    .addHelpText('after', '\nExample:\n  $ convene decision show 7/94b')
    .action(async (id: string) => {
      await withClient(async (client) => {
        const view = await client.workflow.getHandle(decisionId(id)).query(decisionStatusQuery);
        if (output().json) return printJson(view);
        console.log(describeDecision(view));
      });
    });
}

export function describeDecision(v: DecisionView): string {
  const lines = [
    `${v.id}: ${v.title}`,
    `  ${v.meetingTitle}, adopted ${v.adoptedAt.slice(0, 10)}; area: ${v.area}`,
    `  status: ${v.status}${isOverdueAt(v, Date.now()) ? ' (OVERDUE)' : ''}; due ${v.dueDate}${v.dueDate !== v.originalDueDate ? ` (originally ${v.originalDueDate})` : ''}`,
    `  lead: ${v.lead.acronym}; responsible: ${v.responsible.map((r) => r.acronym).join(', ') || 'none'}`,
    `  responses: ${v.responses.map((r) => `${r.organization} ${r.state}`).join(', ')}`,
    ...v.reports.map((r) => `  report ${r.at} by ${r.by} (${r.organization}): ${r.percent}% ${r.narrative}`),
    ...v.claims.map(
      (c) =>
        `  claim ${c.at} by ${c.by}: ${c.summary}` +
        (c.outcome
          ? ` — ${c.outcome.verdict} by ${c.outcome.by}: ${c.outcome.reasons}`
          : ' — awaiting verification'),
    ),
    ...v.statusChanges.map((c) => `  status ${c.at}: ${c.from} → ${c.to} by ${c.by}: ${c.why}`),
    ...v.extensions.map((c) => `  due date moved ${c.at} by ${c.by}: ${c.from} → ${c.to}: ${c.reason}`),
    ...v.leadChanges.map((c) => `  lead changed ${c.at} by ${c.by}: ${c.from} → ${c.to}: ${c.reason}`),
    ...(v.closure
      ? [
          `  closed ${v.closure.at}: ${v.closure.status} by ${v.closure.by}: ${v.closure.reasons}` +
            (v.closure.supersededBy ? ` (superseded by ${v.closure.supersededBy})` : ''),
        ]
      : []),
    ...v.notices.map(
      (n) =>
        `  notice ${n.at}: ${n.event ?? n.kind}${n.step !== undefined ? ` step ${n.step + 1}` : ''} to ${n.audience}` +
        (n.kind === 'event' || n.kind.startsWith('verification') ? ` (${n.recipients.join(', ')})` : ''),
    ),
    ...verificationChase(v),
    ...v.upcoming.map((u) => `  next: ${u.what} at ${u.at}`),
    ...v.mailFailures.map((f) => `  MAIL FAILED ${f.at} to ${f.recipient}: ${f.serverReply}`),
  ];
  return lines.join('\n');
}

/** While a claim awaits the committee: how often it has been chased, and whether the chair knows. */
function verificationChase(v: DecisionView): string[] {
  const chase = v.timers.verification;
  const pending = v.claims.at(-1);
  if (!chase || !pending || pending.outcome || chase.claimId !== pending.id) return [];
  const chair = chase.chairToldAt ? `; chair told ${chase.chairToldAt}` : '';
  return [`  claim awaiting verification: ${chase.remindersAt.length} reminder(s) sent${chair}`];
}

// ── actions ─────────────────────────────────────────────────────────────────────────────────────────

type Options = Record<string, string | string[] | undefined>;

type ActionOptions = Options & { as: string };

interface Action<Req> {
  name: string;
  description: string;
  options: Option[];
  example: string;
  update: UpdateDefinition<ActionReceipt, [Req]>;
  request(o: ActionOptions): Req;
  /** The same id on a retried command lets Temporal drop the duplicate. */
  updateId?(o: Options): string | undefined;
  /** What the receipt says, in the reader's language. */
  done(receipt: ActionReceipt, t: Translator): string;
}

/** An action with its request type sealed in, so actions of different payloads share one list. */
interface ActionCommand extends Pick<
  Action<unknown>,
  'name' | 'description' | 'options' | 'example' | 'done'
> {
  run(client: Client, workflowId: string, o: ActionOptions): Promise<ActionReceipt>;
}

function action<Req>(spec: Action<Req>): ActionCommand {
  return {
    ...spec,
    run(client, workflowId, o) {
      const updateId = spec.updateId?.(o);
      return act(client.workflow.getHandle(workflowId), spec.update, {
        args: [spec.request(o)],
        ...(updateId ? { updateId } : {}),
      });
    },
  };
}

const text = (o: Options, key: string) => String(o[key] ?? '');
const list = (o: Options, key: string) => (Array.isArray(o[key]) ? o[key] : o[key] ? [o[key]] : []);
const collect = (value: string, previous: string[] = []) => [...previous, value];

const ACTIONS: ActionCommand[] = [
  action({
    name: 'report',
    description: '(lead or responsible focal point) report progress',
    options: [
      new Option('--percent <n>', 'how far implementation has come, 0–100').makeOptionMandatory(),
      new Option('--narrative <text>', 'what was done, what is next').makeOptionMandatory(),
      new Option('--evidence <url>', 'a link to evidence (repeatable)').argParser(collect),
      new Option('--response <state>', "your organization's answer").choices([
        'accepted',
        'in-progress',
        'done',
      ]),
      new Option('--report-id <id>', 'your id for this report: sending it twice records it once'),
    ],
    example:
      '$ convene decision report 7/94b --percent 40 --narrative "Design agreed" --as focal.point@au.example.org',
    update: reportProgressUpdate,
    request: (o) => ({
      as: o.as,
      percent: Number(o.percent),
      narrative: text(o, 'narrative'),
      evidence: list(o, 'evidence'),
      // commander's choices() has checked the value
      ...(o.response ? { response: text(o, 'response') as 'accepted' | 'in-progress' | 'done' } : {}),
      ...(o.reportId ? { reportId: text(o, 'reportId') } : {}),
    }),
    updateId: (o) => (o.reportId ? `report-${text(o, 'reportId')}` : undefined),
    done: (r, t) =>
      t.t(r.duplicate ? 'cli.decision.reportedAgain' : 'cli.decision.reported', {
        id: r.id ?? '',
        decision: r.decision,
        status: r.status,
      }),
  }),
  action({
    name: 'claim',
    description: '(lead focal point) claim the decision implemented, with evidence',
    options: [
      new Option('--summary <text>', 'what shows it implemented').makeOptionMandatory(),
      new Option('--evidence <url>', 'a link to the evidence (repeatable; at least one)').argParser(collect),
      new Option('--claim-id <id>', 'your id for this claim: sending it twice records it once'),
    ],
    example:
      '$ convene decision claim 7/94b --summary "Databank online" --evidence https://au.example.org/databank --as focal.point@au.example.org',
    update: claimImplementedUpdate,
    request: (o) => ({
      as: o.as,
      summary: text(o, 'summary'),
      evidence: list(o, 'evidence'),
      ...(o.claimId ? { claimId: text(o, 'claimId') } : {}),
    }),
    done: (r, t) => t.t('cli.decision.claimed', { id: r.id ?? '', decision: r.decision, status: r.status }),
  }),
  verdict('verify', '(committee member) verify a claim: the decision is implemented', verifyUpdate),
  verdict(
    'reject',
    '(committee member) reject a claim, with reasons: back to in progress',
    rejectClaimUpdate,
  ),
  action({
    name: 'extend',
    description: '(committee member) move the due date later',
    options: [
      new Option(
        '--to <datetime>',
        'the new due date, with offset, e.g. 2008-06-30T17:00:00-04:00',
      ).makeOptionMandatory(),
      new Option('--reason <text>', 'why').makeOptionMandatory(),
    ],
    example:
      '$ convene decision extend 7/94b --to 2008-06-30T17:00:00-04:00 --reason "Funding delayed" --as jonas.berg@un.example.org',
    update: extendDueDateUpdate,
    request: (o) => ({ as: o.as, dueDate: text(o, 'to'), reason: text(o, 'reason') }),
    done: (r, t) =>
      t.t(r.duplicate ? 'cli.decision.extendedAgain' : 'cli.decision.extended', {
        decision: r.decision,
        status: r.status,
      }),
  }),
  action({
    name: 'reassign',
    description: '(organizer) give the lead to another organization',
    options: [
      new Option('--lead <org>', 'the new lead organization id').makeOptionMandatory(),
      new Option('--reason <text>', 'why').makeOptionMandatory(),
    ],
    example:
      '$ convene decision reassign 7/96a --lead ecowas --reason "ECOWAS standby force leads" --as amina.rahman@un.example.org',
    update: reassignLeadUpdate,
    request: (o) => ({ as: o.as, leadOrganization: text(o, 'lead'), reason: text(o, 'reason') }),
    done: (r, t) =>
      t.t(r.duplicate ? 'cli.decision.leadUnchanged' : 'cli.decision.reassigned', {
        decision: r.decision,
        status: r.status,
      }),
  }),
  action({
    name: 'withdraw',
    description: '(organizer) withdraw the decision, with a reason',
    options: [new Option('--reason <text>', 'why').makeOptionMandatory()],
    example:
      '$ convene decision withdraw 7/99b --reason "Overtaken by events" --as amina.rahman@un.example.org',
    update: withdrawUpdate,
    request: (o) => ({ as: o.as, reason: text(o, 'reason') }),
    done: (r, t) => t.t('cli.decision.withdrawn', { decision: r.decision }),
  }),
  action({
    name: 'supersede',
    description: '(organizer) mark the decision superseded by a later one',
    options: [
      new Option('--by <decision>', 'the decision that replaces it, e.g. 8/12').makeOptionMandatory(),
      new Option('--reason <text>', 'why').makeOptionMandatory(),
    ],
    example:
      '$ convene decision supersede 7/94e --by 8/3 --reason "Restated at HLM 8" --as amina.rahman@un.example.org',
    update: supersedeUpdate,
    request: (o) => ({ as: o.as, supersededBy: text(o, 'by'), reason: text(o, 'reason') }),
    done: (r, t) => t.t('cli.decision.superseded', { decision: r.decision }),
  }),
];

function verdict(
  name: 'verify' | 'reject',
  description: string,
  update: UpdateDefinition<ActionReceipt, [{ as: string; reasons: string }]>,
): ActionCommand {
  return action({
    name,
    description,
    options: [new Option('--reasons <text>', 'what the committee found').makeOptionMandatory()],
    example: `$ convene decision ${name} 7/94b --reasons "Checked the databank" --as committee@eu.example.org`,
    update,
    request: (o) => ({ as: o.as, reasons: text(o, 'reasons') }),
    done: (r, t) =>
      t.t(name === 'verify' ? 'cli.decision.verified' : 'cli.decision.claimRejected', {
        decision: r.decision,
        status: r.status,
      }),
  });
}

function registerAction(decision: Command, output: () => Output, spec: ActionCommand): void {
  const command = decision.command(`${spec.name} <id>`).description(spec.description);
  for (const option of spec.options) command.addOption(option);
  command
    .addOption(asOption())
    .addHelpText('after', `\nExample:\n  ${spec.example}`)
    .action(async (id: string, o: ActionOptions) => {
      await withClient(async (client) => {
        const receipt = await spec.run(client, decisionId(id), o);
        if (output().json) return printJson(receipt);
        console.log(spec.done(receipt, output().t));
      });
    });
}

// ── import ──────────────────────────────────────────────────────────────────────────────────────────

function registerImport(decision: Command, output: () => Output): void {
  decision
    .command('import <file>')
    .description('start tracking the decisions of a meeting from a file; the committee is told')
    .option('--rehearse', 'a rehearsal: edition r<N>, messages marked, dates moved so the meeting ended now')
    .addOption(asOption())
    .addHelpText(
      'after',
      '\nThe file: edition, meetingTitle, adoptedAt, decisions (ref, text, area, leadOrganization,\nresponsibleOrganizations, dueDate). See config/examples/decisions-hlm-7.json.\n--as must be an organizer named in config/standing-committee.json. A decision already tracked\nfrom the same content is left as it is; one tracked with different content is refused.\n\nExample:\n  $ convene decision import config/examples/decisions-hlm-7.json --rehearse --as amina.rahman@un.example.org',
    )
    .action(async (file: string, o: { rehearse?: boolean; as: string }) => {
      await withClient(async (client, settings) => {
        const directory = loadDirectory(settings.directoryFile);
        trustedOrganizer(o.as, directory);
        const parsed = parseDecisionFile(file, directory);
        const organizers = loadStandingCommittee(directory).file.organizers;
        const inputs = trackingInputs(parsed, {
          organizers,
          ...(o.rehearse ? { rehearse: { nowMs: Date.now() } } : {}),
        });
        const results = await startAll(client, settings, inputs, { file: parsed, as: o.as });
        const started = results.filter((r) => r.outcome === 'started');
        if (started.length) {
          const edition = inputs[0]!.decision.edition;
          const committeeAt = { taskQueue: settings.taskQueue, workflowId: settings.committeeWorkflowId };
          await announceToCommittee(client, committeeAt, { edition, refs: started.map((r) => r.ref) });
        }
        if (output().json) return printJson(results);
        const { t } = output();
        printTable(
          [t.t('cli.col.decision'), t.t('cli.col.outcome')],
          results.map((r) => [r.id, r.outcome]),
        );
        const refused = results.filter((r) => r.outcome === 'refused');
        const already = results.length - started.length - refused.length;
        console.log(`\n${t.t('cli.decision.imported', { started: started.length, already })}`);
        if (refused.length) throw new UserError(refused.map((r) => `refused: ${r.reason}`).join('\n'));
      });
    });
}

function parseDecisionFile(file: string, directory: Directory): DecisionFile {
  const parsed = DecisionFile.safeParse(readDataFile(file));
  if (!parsed.success) {
    const lines = issueLines(parsed.error.issues, '(file)').map((line) => `  - ${line}`);
    throw new UserError(`${file} has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const unknown = organizationsNamed(parsed.data).filter((o) => !directory.get(o.id));
  if (unknown.length) {
    const lines = unknown.map((o) => `  - ${o.where}: unknown organization "${o.id}"`);
    throw new UserError(
      `${file}:\n${lines.join('\n')}\nKnown ids: ${directory.organizations.map((o) => o.id).join(', ')}`,
    );
  }
  return parsed.data;
}

type ImportResult = { id: string; ref: string } & (
  { outcome: 'started' | 'already tracked' } | { outcome: 'refused'; reason: string }
);

async function startAll(
  client: Client,
  settings: Settings,
  inputs: ReturnType<typeof trackingInputs>,
  source: { file: DecisionFile; as: string },
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const input of inputs) {
    const { edition, ref } = input.decision;
    const id = workflowIds.decision(edition, ref);
    // What the file says of this decision: a rehearsal's moved dates do not make it different.
    const hash = inputHash({
      edition,
      meetingTitle: source.file.meetingTitle,
      decision: source.file.decisions.find((d) => d.ref === ref),
    });
    try {
      const { existing } = await startOnce<DecisionTrackingWorkflow>(
        client,
        DECISION_TRACKING_WORKFLOW,
        { workflowId: id, taskQueue: settings.taskQueue, args: [input] },
        { hash, as: source.as, what: 'decision' },
      );
      results.push({ id, ref, outcome: existing ? 'already tracked' : 'started' });
    } catch (err) {
      if (!(err instanceof StartRefused)) throw err;
      results.push({ id, ref, outcome: 'refused', reason: err.message });
    }
  }
  return results;
}
