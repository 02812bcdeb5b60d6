/**
 * The decision Updates (report, claim, reject, verify, extend, reassign, withdraw, supersede) and the
 * committee commands (idea, schedule, status, digest, carry-forward), as their users run them.
 */
import { cliEnv, convene, type CliResult } from '../helpers/cli';
import {
  AU,
  CHAIR,
  MEMBER_AU,
  MEMBER_EU,
  ORGANIZER,
  settled,
  startHarness,
  status,
  type DecisionHarness,
} from '../decisions/helpers';

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

  // No digest has invited to a review meeting yet: nothing to move or cancel; a wrong actor is refused.
  const [move, cancel, refused] = await Promise.all([
    run('committee', 'review-move', '--at', at, '--as', CHAIR),
    run('committee', 'review-cancel', '--as', ORGANIZER),
    run('committee', 'review-cancel', '--as', AU),
  ]);
  expect(ok(move)).toBe('No review meeting is planned: nothing to move.');
  expect(ok(cancel)).toBe('No review meeting is planned: nothing to cancel.');
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
  expect(ok(cancel)).toBe('Aucune réunion d’examen n’est prévue : rien à annuler.');
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
