/**
 * The decision Updates (report, claim, reject, verify, extend, reassign, withdraw, supersede) and the
 * committee commands (idea, schedule, status, digest, carry-forward), as their users run them.
 */
import { cliEnv, convene, type CliResult } from '../helpers/cli';
import {
  AU,
  CHAIR,
  IGAD,
  MEMBER_AU,
  MEMBER_EU,
  ORGANIZER,
  settled,
  startHarness,
  status,
  type DecisionHarness,
} from '../decisions/helpers';
import type { DecisionView } from '../../domain/decision-record';

let h: DecisionHarness;
let env: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  env = cliEnv(h.t.settings);
});
afterAll(async () => {
  await h.t.client.workflow
    .getHandle(h.committeeId)
    .terminate('test done')
    .catch(() => undefined);
  await h.close();
});

const run = (...args: string[]) => convene(args, env);

function ok(result: CliResult): string {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

test('a claim goes from the lead to the committee and back, and is verified the second time', async () => {
  const decision = await h.start({ ref: 'claimed' });
  await settled(decision);
  const id = decision.workflowId;

  expect(
    ok(
      await run(
        'decision',
        'report',
        id,
        '--percent',
        '60',
        '--narrative',
        'Databank designed.',
        '--report-id',
        'q1',
        '--as',
        AU,
      ),
    ),
  ).toBe(`Recorded: report q1 on ${id}; status in-progress.`);
  expect(
    ok(
      await run(
        'decision',
        'report',
        id,
        '--percent',
        '60',
        '--narrative',
        'Databank designed.',
        '--report-id',
        'q1',
        '--as',
        AU,
      ),
    ),
    // Temporal answers a repeated Update id with the first answer: the report is recorded once.
  ).toBe(`Recorded: report q1 on ${id}; status in-progress.`);
  expect((await status(decision)).reports).toHaveLength(1);
  expect(
    ok(
      await run(
        'decision',
        'claim',
        id,
        '--summary',
        'Databank online.',
        '--evidence',
        'https://au.example.org/databank',
        '--as',
        AU,
      ),
    ),
  ).toMatch(
    new RegExp(
      `^Claim \\S+ on ${id} recorded; the standing committee verifies it\\. Status implementation-claimed\\.$`,
    ),
  );

  const conflicted = await run('decision', 'verify', id, '--reasons', 'Looks right.', '--as', MEMBER_AU);
  expect(conflicted.code).toBe(1);
  expect(conflicted.stderr).toMatch(/^Rejected: /);

  expect(ok(await run('decision', 'reject', id, '--reasons', 'The link is empty.', '--as', MEMBER_EU))).toBe(
    `${id}: claim rejected; status in-progress.`,
  );
  ok(
    await run(
      'decision',
      'claim',
      id,
      '--summary',
      'Now with data.',
      '--evidence',
      'https://au.example.org/databank',
      '--as',
      AU,
    ),
  );
  expect(
    ok(await run('decision', 'verify', id, '--reasons', 'Checked the databank.', '--as', MEMBER_EU)),
  ).toBe(`${id}: verified; status verified.`);

  const shown = ok(await run('decision', 'show', id));
  expect(shown).toContain('status: verified');
  expect(shown).toMatch(/status \S+: implementation-claimed → verified by committee@eu\.example\.org: /);
  expect(shown).toContain(`60% Databank designed.`);
  expect(shown).toMatch(
    /claim .* Databank online\. — rejected by committee@eu\.example\.org: The link is empty\./,
  );
  expect(shown).toMatch(
    /claim .* Now with data\. — verified by committee@eu\.example\.org: Checked the databank\./,
  );
}, 180_000);

test('`--json decision show` carries what the printed record shows: status changes, extensions, lead changes, claims', async () => {
  const decision = await h.start({ ref: 'recorded' });
  await settled(decision);
  const id = decision.workflowId;
  const before = await status(decision);
  const later = new Date(Date.parse(before.dueDate) + 60 * 86_400_000).toISOString();
  ok(await run('decision', 'report', id, '--percent', '30', '--narrative', 'Started.', '--as', AU));
  ok(await run('decision', 'extend', id, '--to', later, '--reason', 'Budget cycle.', '--as', MEMBER_EU));
  ok(
    await run('decision', 'reassign', id, '--lead', 'igad', '--reason', 'IGAD leads now.', '--as', ORGANIZER),
  );
  ok(
    await run(
      'decision',
      'claim',
      id,
      '--summary',
      'Done.',
      '--evidence',
      'https://igad.example.org/r',
      '--as',
      IGAD,
    ),
  );
  ok(await run('decision', 'reject', id, '--reasons', 'No evidence yet.', '--as', MEMBER_EU));

  const [printed, json] = await Promise.all([
    run('decision', 'show', id),
    run('--json', 'decision', 'show', id),
  ]);
  const lines = ok(printed).split('\n');
  const record = JSON.parse(ok(json)) as DecisionView;
  const linesOf = (prefix: string) => lines.filter((l) => l.startsWith(`  ${prefix} `));

  // Every status change, extension and lead change the reader sees is in the JSON, field by field.
  expect(record.statusChanges.map((c) => c.to)).toEqual([
    'in-progress',
    'implementation-claimed',
    'in-progress',
  ]);
  expect(linesOf('status').filter((l) => l.includes(' → '))).toEqual(
    record.statusChanges.map((c) => `  status ${c.at}: ${c.from} → ${c.to} by ${c.by}: ${c.why}`),
  );
  expect(record.extensions).toEqual([
    expect.objectContaining({ by: MEMBER_EU, from: before.dueDate, to: later, reason: 'Budget cycle.' }),
  ]);
  expect(linesOf('due date moved')).toEqual([
    `  due date moved ${record.extensions[0]!.at} by ${MEMBER_EU}: ${before.dueDate} → ${later}: Budget cycle.`,
  ]);
  expect(record.leadChanges).toEqual([
    expect.objectContaining({ by: ORGANIZER, from: 'au', to: 'igad', reason: 'IGAD leads now.' }),
  ]);
  expect(linesOf('lead changed')).toEqual([
    `  lead changed ${record.leadChanges[0]!.at} by ${ORGANIZER}: au → igad: IGAD leads now.`,
  ]);
  // And the rest of the record: status, due dates, lead, reports, the claim and its outcome, notices.
  expect(record).toMatchObject({
    id,
    status: 'in-progress',
    dueDate: later,
    originalDueDate: before.dueDate,
    lead: { id: 'igad', acronym: 'IGAD' },
    reports: [expect.objectContaining({ by: AU, percent: 30, narrative: 'Started.' })],
    claims: [expect.objectContaining({ by: IGAD, summary: 'Done.' })],
  });
  expect(record.claims[0]!.outcome).toMatchObject({
    verdict: 'rejected',
    by: MEMBER_EU,
    reasons: 'No evidence yet.',
  });
  expect(lines).toContain(`  status: in-progress; due ${later} (originally ${before.dueDate})`);
  expect(linesOf('report')).toHaveLength(record.reports.length);
  expect(linesOf('claim')).toHaveLength(record.claims.length);
  expect(linesOf('notice')).toHaveLength(record.notices.length);
  expect(linesOf('next:')).toHaveLength(record.upcoming.length);
}, 180_000);

test('the due date moves, the lead changes, and decisions are withdrawn or superseded, through the CLI', async () => {
  const [moving, withdrawn, replaced] = await Promise.all([
    h.start({ ref: 'moving' }),
    h.start({ ref: 'withdrawn' }),
    h.start({ ref: 'replaced' }),
  ]);
  await Promise.all([settled(moving), settled(withdrawn), settled(replaced)]);
  const before = await status(moving);
  const later = new Date(Date.parse(before.dueDate) + 90 * 86_400_000).toISOString();

  const [extended, reassigned, gone, superseded, badLead] = await Promise.all([
    run(
      'decision',
      'extend',
      moving.workflowId,
      '--to',
      later,
      '--reason',
      'Funding delayed.',
      '--as',
      MEMBER_EU,
    ),
    run(
      'decision',
      'reassign',
      withdrawn.workflowId,
      '--lead',
      'igad',
      '--reason',
      'IGAD leads.',
      '--as',
      ORGANIZER,
    ),
    run('decision', 'withdraw', replaced.workflowId, '--reason', 'Overtaken by events.', '--as', ORGANIZER),
    run(
      'decision',
      'supersede',
      moving.workflowId,
      '--by',
      'not a decision',
      '--reason',
      'r',
      '--as',
      ORGANIZER,
    ),
    run('decision', 'reassign', moving.workflowId, '--lead', 'atlantis', '--reason', 'r', '--as', ORGANIZER),
  ]);
  expect(ok(extended)).toBe(`${moving.workflowId}: due date now moved; status ${before.status}.`);
  expect(ok(reassigned)).toMatch(new RegExp(`^${withdrawn.workflowId}: lead reassigned; status `));
  expect(ok(gone)).toBe(`${replaced.workflowId} withdrawn.`);
  expect(superseded.code).toBe(1);
  expect(superseded.stderr.trim()).toBe(
    'Rejected: the supersession is malformed: supersededBy: must name the decision that replaces it as edition/ref, e.g. 8/12 (or decision-8-12)',
  );
  expect(badLead.code).toBe(1);
  expect(badLead.stderr.trim()).toMatch(/^Rejected: unknown organization "atlantis"; known ids: /);

  const movingShown = ok(await run('decision', 'show', moving.workflowId));
  expect(movingShown).toContain(`due ${later} (originally ${before.dueDate})`);
  expect(movingShown).toMatch(
    new RegExp(`due date moved \\S+ by ${MEMBER_EU}: ${before.dueDate} → ${later}: Funding delayed\\.`),
  );
  const reassignedShown = ok(await run('decision', 'show', withdrawn.workflowId));
  expect(reassignedShown).toMatch(/lead: IGAD;/);
  expect(reassignedShown).toMatch(new RegExp(`lead changed \\S+ by ${ORGANIZER}: au → igad: IGAD leads\\.`));
  expect(ok(await run('decision', 'show', replaced.workflowId))).toMatch(
    new RegExp(`closed \\S+: withdrawn by ${ORGANIZER}: Overtaken by events\\.`),
  );
  expect(
    ok(
      await run(
        'decision',
        'supersede',
        withdrawn.workflowId,
        '--by',
        '8/3',
        '--reason',
        'Restated at HLM 8.',
        '--as',
        ORGANIZER,
      ),
    ),
  ).toBe(`${withdrawn.workflowId} superseded.`);
  const unknownId = await run('decision', 'show', 'seven');
  expect(unknownId.code).toBe(1);
  expect(unknownId.stderr).toContain(
    '"seven" is not a decision: write 7/94a (edition/ref) or decision-7-94a',
  );
  const unknownInFrench = await convene(['decision', 'show', 'sept'], { ...env, CONVENE_LANG: 'fr' });
  expect(unknownInFrench.code).toBe(1);
  expect(unknownInFrench.stderr.trim()).toBe(
    '« sept » n’est pas une décision : écrivez 7/94a (édition/référence) ou decision-7-94a',
  );
}, 180_000);

test('the committee: ideas kept once, a review scheduled, its status, the digest and what is carried forward', async () => {
  expect(
    ok(
      await run(
        'committee',
        'idea',
        '--text',
        'A joint early-warning workshop with the AU and IGAD.',
        '--idea-id',
        'w1',
        '--as',
        MEMBER_EU,
      ),
    ),
  ).toBe('Kept: idea w1 for the next meeting.');
  expect(
    ok(
      await run(
        'committee',
        'idea',
        '--text',
        'A joint early-warning workshop with the AU and IGAD.',
        '--idea-id',
        'w1',
        '--as',
        MEMBER_EU,
      ),
    ),
  ).toBe('Kept: idea w1 for the next meeting.');
  const outsider = await run('committee', 'idea', '--text', 'Mine.', '--as', AU);
  expect(outsider.code).toBe(1);
  expect(outsider.stderr).toMatch(/^Rejected: only members of the standing committee .* may propose ideas/);

  const at = new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  expect(ok(await run('committee', 'schedule', '--at', at, '--as', CHAIR))).toMatch(
    /^Next review and digest: /,
  );

  // No digest has invited to a review meeting yet: a move or a cancellation is refused, and so,
  // for who they are, is a wrong actor.
  const [move, cancel, refused] = await Promise.all([
    run('committee', 'review-move', '--at', at, '--as', CHAIR),
    run('committee', 'review-cancel', '--as', ORGANIZER),
    run('committee', 'review-cancel', '--as', AU),
  ]);
  expect([move.code, move.stdout]).toEqual([1, '']);
  expect(move.stderr.trim()).toBe(
    'Rejected: no review meeting is planned, so there is none to move; the next digest proposes one',
  );
  expect(cancel.code).toBe(1);
  expect(cancel.stderr.trim()).toBe('Rejected: no review meeting is planned, so there is none to cancel');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^Rejected: only the chair of the standing committee or the organizers/);

  const [shown, digest, carried] = await Promise.all([
    run('committee', 'status'),
    run('committee', 'digest'),
    run('committee', 'carry-forward'),
  ]);
  expect(ok(shown)).toMatch(/^Standing committee \(run 1\): \d+ members; next digest /);
  expect(ok(shown)).toContain('Ideas: 1;');
  expect(ok(digest)).toMatch(/^Implementation digest, \S+ to \S+\n\d+ decisions? listed: /);
  expect(ok(digest)).toContain('A joint early-warning workshop with the AU and IGAD');
  expect(ok(carried)).toContain('A joint early-warning workshop with the AU and IGAD.');
}, 180_000);

test('a French reader gets the committee in French: its idea receipt, status, review meeting and digest; the idea as written', async () => {
  const fr = (...args: string[]) => convene(args, { ...env, CONVENE_LANG: 'fr' });
  const text = 'Un atelier commun d’alerte précoce avec la CEDEAO.';
  expect(ok(await fr('committee', 'idea', '--text', text, '--idea-id', 'fr1', '--as', MEMBER_AU))).toBe(
    'Retenue : idée fr1 pour la prochaine réunion.',
  );
  const [shown, cancel, digest] = await Promise.all([
    fr('committee', 'status'),
    fr('committee', 'review-cancel', '--as', ORGANIZER),
    fr('committee', 'digest'),
  ]);
  expect(ok(shown)).toMatch(/^Comité permanent \(exécution 1\) : \d+ membres ; prochaine synthèse le \S+\./);
  expect(cancel.code).toBe(1);
  expect(cancel.stderr.trim()).toBe(
    'Refusé : aucune réunion d’examen n’est prévue, il n’y a donc rien à annuler',
  );
  const lines = ok(digest).split('\n');
  expect(lines[0]).toMatch(/^Synthèse de la mise en œuvre, du \S+ au \S+$/);
  expect(lines[1]).toMatch(/^\d+ décisions? répertoriées? : \d+ en cours, \d+ closes? pendant la période\.$/);
  for (const title of ['En retard', 'Au point mort (pas de rapport d’avancement récent)', 'Par organisation'])
    expect(lines.some((l) => l.startsWith(title))).toBe(true);
  expect(lines).toContainEqual(expect.stringMatching(/^org\.\s+pilote\s+en cours\s+en retard/));
  expect(lines).toContainEqual(expect.stringMatching(/^Idées pour la prochaine réunion \(\d+\)$/));
  expect(ok(digest)).toContain(`  ${text.replace(/\.$/, '')}`);
}, 120_000);

test('a French reader gets a decision’s record in French, with what people wrote as they wrote it', async () => {
  const decision = await h.start({ ref: 'fr-record' });
  await settled(decision);
  const id = decision.workflowId;
  ok(
    await run('decision', 'report', id, '--percent', '40', '--narrative', 'Conception arrêtée.', '--as', AU),
  );
  const v = await status(decision);
  const report = v.reports[0]!;
  const next = v.upcoming.find((u) => u.next.kind === 'progress-request');
  const shown = ok(await convene(['decision', 'show', id], { ...env, CONVENE_LANG: 'fr' })).split('\n');
  expect(shown[0]).toBe(`${id} : ${v.title}`);
  expect(shown[1]).toBe(`  ${v.meetingTitle}, adoptée le ${v.adoptedAt.slice(0, 10)} ; domaine : ${v.area}`);
  expect(shown[2]).toBe(`  état : en cours${v.overdue ? ' (EN RETARD)' : ''} ; échéance ${v.dueDate}`);
  expect(shown).toContain(`  rapport du ${report.at} par ${AU} (au) : 40 % Conception arrêtée.`);
  expect(next).toBeDefined();
  expect(shown).toContain(
    `  prochaine étape : demande d’avancement au pilote et aux organisations responsables, le ${next!.at}`,
  );
}, 120_000);
