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
import { issueDetails } from '../../domain/issues';
import { phrase, type Phrase } from '../../domain/rejection';
import {
  DECISION_STATUSES,
  DecisionStatus,
  EditionKey,
  isOverdueAt,
  type ActionReceipt,
} from '../../domain/decision';
import type { DecisionView, UpcomingAction } from '../../domain/decision-record';
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
import { translator, type Translator } from '../../i18n/catalog';
import { printJson, printTable, UserError, type Output } from '../output';
import { withClient } from '../temporal';
import { trustedOrganizer } from '../trusted-start';
import { inputHash, StartRefused, startOnce } from '../../clients/starts';
import { readDataFile } from '../data-file';

/** "decision-7-94a" as it is, or "7/94a" (edition/ref). */
export function decisionId(argument: string): string {
  if (argument.startsWith('decision-')) return argument;
  const match = /^(r?\d+)\/([a-z0-9][a-z0-9-]*)$/.exec(argument);
  if (!match) throw new UserError('cli.error.notDecision', { argument });
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
    throw new UserError('cli.error.statusOption', {
      statuses: DECISION_STATUSES.join(', '),
      got: String(o.status),
    });
  }
  // "--edition 8 --rehearsal" and "--edition r8" both mean the rehearsal of the eighth meeting.
  const rehearsal = Boolean(o.rehearsal) || Boolean(o.edition?.startsWith('r'));
  const edition = o.edition && editionKey(Number(o.edition.replace(/^r/, '')), rehearsal);
  if (o.edition && !EditionKey.safeParse(edition).success) {
    throw new UserError('cli.error.editionOption', { got: o.edition });
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
        console.log(describeDecision(view, output().t));
      });
    });
}

/**
 * The whole record, in the reader's language. Instants stay as the record holds them (ISO, UTC):
 * this is the operator's audit view, to be compared with the workflow's history; what people
 * wrote (titles, narratives, reasons) stays as they wrote it.
 */
export function describeDecision(v: DecisionView, t: Translator = translator('en')): string {
  const status = (s: DecisionStatus) => t.t(`cli.decision.status.${s}`);
  const moved = v.dueDate !== v.originalDueDate;
  const lines = [
    t.t('cli.decision.heading', { id: v.id, title: v.title }),
    t.t('cli.decision.adopted', { meeting: v.meetingTitle, date: v.adoptedAt.slice(0, 10), area: v.area }),
    t.t('cli.decision.state', {
      status: status(v.status),
      overdue: isOverdueAt(v, Date.now()) ? 'yes' : 'no',
      due: v.dueDate,
      moved: moved ? 'yes' : 'no',
      originally: v.originalDueDate,
    }),
    t.t('cli.decision.parties', {
      lead: v.lead.acronym,
      responsible: v.responsible.map((r) => r.acronym).join(', ') || t.t('cli.decision.noneResponsible'),
    }),
    t.t('cli.decision.responses', {
      list: v.responses
        .map((r) => t.t(`cli.decision.response.${r.state}`, { organization: r.organization }))
        .join(', '),
    }),
    ...v.reports.map((r) =>
      t.t('cli.decision.report', {
        at: r.at,
        by: r.by,
        organization: r.organization,
        percent: r.percent,
        narrative: r.narrative,
      }),
    ),
    ...v.claims.map((c) =>
      c.outcome
        ? t.t('cli.decision.claimDecided', {
            at: c.at,
            by: c.by,
            summary: c.summary,
            verdict: c.outcome.verdict,
            judge: c.outcome.by,
            reasons: c.outcome.reasons,
          })
        : t.t('cli.decision.claimPending', { at: c.at, by: c.by, summary: c.summary }),
    ),
    ...v.statusChanges.map((c) =>
      t.t('cli.decision.statusChange', {
        at: c.at,
        from: status(c.from),
        to: status(c.to),
        by: c.by,
        why: c.why,
      }),
    ),
    ...v.extensions.map((c) => t.t('cli.decision.dueDateMoved', { ...c })),
    ...v.leadChanges.map((c) => t.t('cli.decision.leadChanged', { ...c })),
    ...(v.closure
      ? [
          t.t('cli.decision.closed', {
            at: v.closure.at,
            status: status(v.closure.status),
            by: v.closure.by,
            reasons: v.closure.reasons,
            superseded: v.closure.supersededBy ? 'yes' : 'no',
            supersededBy: v.closure.supersededBy ?? '',
          }),
        ]
      : []),
    ...v.notices.map((n) => {
      const values = {
        at: n.at,
        what: n.event ?? n.kind,
        step: n.step === undefined ? 0 : n.step + 1,
        audience: audienceName(n.audience, t),
      };
      return n.kind === 'event' || n.kind.startsWith('verification')
        ? t.t('cli.decision.noticeTo', { ...values, recipients: n.recipients.join(', ') })
        : t.t('cli.decision.notice', values);
    }),
    ...verificationChase(v, t),
    ...v.upcoming.map((u) => t.t('cli.decision.next', { what: upcomingWords(u.next, t), at: u.at })),
    ...v.mailFailures.map((f) =>
      t.t('cli.decision.mailFailed', { at: f.at, recipient: f.recipient, reply: f.serverReply }),
    ),
  ];
  // The heading at the margin, every fact of the record indented under it.
  return lines.map((line, i) => (i ? `  ${line}` : line)).join('\n');
}

const audienceName = (audience: string, t: Translator) => t.lookup(`audience.${audience}`) ?? audience;

function upcomingWords(next: UpcomingAction, t: Translator): string {
  switch (next.kind) {
    case 'progress-request':
    case 'due-soon':
    case 'stall':
      return t.t(`cli.decision.next.${next.kind}`);
    case 'escalation':
      return t.t('cli.decision.next.escalation', {
        step: next.step,
        audience: audienceName(next.audience, t),
      });
    case 'verification-reminder':
    case 'verification-escalation':
      return t.t(`cli.decision.next.${next.kind}`, { count: next.count });
  }
}

/** While a claim awaits the committee: how often it has been chased, and whether the chair knows. */
function verificationChase(v: DecisionView, t: Translator): string[] {
  const chase = v.timers.verification;
  const pending = v.claims.at(-1);
  if (!chase || !pending || pending.outcome || chase.claimId !== pending.id) return [];
  return [
    t.t('cli.decision.verificationChase', {
      count: chase.remindersAt.length,
      told: chase.chairToldAt ? 'yes' : 'no',
      chairToldAt: chase.chairToldAt ?? '',
    }),
  ];
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
      '$ convene decision claim 7/94b --summary "Databank online" --evidence https://au.example.org/databank --as amina.rahman@un.example.org',
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
      '$ convene decision extend 7/94b --to 2008-06-30T17:00:00-04:00 --reason "Funding delayed" --as committee@eu.example.org',
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
      '\nThe file: edition, meetingTitle, adoptedAt, decisions (ref, text, area, leadOrganization,\nresponsibleOrganizations, dueDate). See config/examples/decisions-hlm-7.json.\n--as must be an organizer named in config/standing-committee.json. A decision already tracked\nfrom the same content is left as it is; one tracked with different content is refused.\n\nExample:\n  $ convene decision import config/examples/decisions-hlm-7.json --as amina.rahman@un.example.org',
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
        if (output().json) return printJson(results.map(forScripts));
        const { t } = output();
        printTable(
          [t.t('cli.col.decision'), t.t('cli.col.outcome')],
          results.map((r) => [r.id, r.outcome]),
        );
        const refused = results.filter((r) => r.outcome === 'refused');
        const already = results.length - started.length - refused.length;
        console.log(`\n${t.t('cli.decision.imported', { started: started.length, already })}`);
        if (refused.length)
          throw new UserError('cli.error.importRefused', {
            count: refused.length,
            lines: {
              lines: refused.map((r) => phrase('cli.error.refusedLine', { reason: r.refusal })),
            },
          });
      });
    });
}

function parseDecisionFile(file: string, directory: Directory): DecisionFile {
  const raw = readDataFile(file);
  const parsed = DecisionFile.safeParse(raw);
  if (!parsed.success) {
    const issues = issueDetails(parsed.error.issues, '(file)', raw);
    throw new UserError('cli.error.fileProblems', {
      file,
      count: issues.length,
      problems: { issues, asLines: true },
    });
  }
  const unknown = organizationsNamed(parsed.data).filter((o) => !directory.get(o.id));
  if (unknown.length) {
    throw new UserError('cli.error.unknownOrganizations', {
      file,
      lines: {
        lines: unknown.map((o) => phrase('cli.error.unknownOrganizationAt', { where: o.where, id: o.id })),
      },
      known: directory.organizations.map((o) => o.id).join(', '),
    });
  }
  return parsed.data;
}

type ImportResult = { id: string; ref: string } & (
  | { outcome: 'started' | 'already tracked' }
  /** `reason` in English for scripts; `refusal` the same sentence for the reader's language. */
  | { outcome: 'refused'; reason: string; refusal: Phrase }
);

/** What `--json` prints: the English reason, not the catalog's key. */
function forScripts(result: ImportResult): Omit<ImportResult, 'refusal'> {
  if (result.outcome !== 'refused') return result;
  const { refusal: _sentence, ...rest } = result;
  return rest;
}

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
      results.push({
        id,
        ref,
        outcome: 'refused',
        reason: err.message,
        refusal: phrase(err.key, err.values),
      });
    }
  }
  return results;
}
