/**
 * Rendered documents in the shared store: a version per content, with its sha256, fetched by any
 * machine, and by `convene document show`.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDocumentActivities } from '../../activities/documents';
import type { DocumentRequest } from '../../documents/meeting-documents';
import { contentHash, DocumentStore } from '../../store/documents';
import { Store } from '../../store/store';
import { convene } from '../helpers/cli';
import { testStore } from '../helpers/temporal';
import { describeOnEachStore } from './variants';

const request = (title: string): DocumentRequest => ({
  kind: 'draft-agenda',
  cycleId: 'hlm-r7',
  edition: { number: 7, title: 'Seventh high-level meeting' },
  rehearsal: true,
  meeting: {
    start: '2006-09-22T14:00:00Z',
    end: '2006-09-22T22:00:00Z',
    timeZone: 'America/New_York',
    venue: 'United Nations Headquarters',
  },
  items: [
    {
      title,
      description: 'Liaison offices',
      area: 'peace-and-security',
      durationMinutes: 30,
      proposedBy: 'Peacekeeping',
      late: false,
      unreviewed: false,
    },
  ],
  comments: [],
});

describeOnEachStore('documents', (url) => {
  let store: Store;
  beforeEach(() => {
    store = testStore(url());
  });
  afterEach(() => store.close());

  test('the same render twice is one version; changed content is the next, each with the hash of what it holds', async () => {
    const { renderDocument } = createDocumentActivities({ documents: new DocumentStore(store) });
    const first = await renderDocument(request('Early warning'));
    const again = await renderDocument(request('Early warning'));
    const changed = await renderDocument(request('Early warning and mediation'));

    expect(first).toMatchObject({
      id: 'hlm-r7/draft-agenda',
      cycleId: 'hlm-r7',
      kind: 'draft-agenda',
      version: 1,
    });
    expect(again).toEqual(first);
    expect(changed.version).toBe(2);
    const documents = new DocumentStore(store);
    const v1 = await documents.get('hlm-r7', 'draft-agenda', 1);
    const latest = await documents.get('hlm-r7', 'draft-agenda');
    expect(v1?.markdown).toContain('Early warning');
    expect(v1?.markdown).not.toContain('mediation');
    expect(latest?.markdown).toContain('Early warning and mediation');
    expect(contentHash(v1!)).toBe(first.sha256);
    expect(contentHash(latest!)).toBe(changed.sha256);
    expect(latest?.html).toMatch(/^<!doctype html>/i);
  });

  test('two machines saving new content at once get two versions, neither lost', async () => {
    const a = new DocumentStore(store);
    // Another machine: its own pool on the same database and schema.
    const other = new Store(store.url, { maxConnections: 1, schema: store.schema });
    const b = new DocumentStore(other);
    const [x, y] = await Promise.all([
      a.save('hlm-r7', 'final-agenda', { markdown: '# A', html: '<h1>A</h1>' }),
      b.save('hlm-r7', 'final-agenda', { markdown: '# B', html: '<h1>B</h1>' }),
    ]);
    await other.close();
    expect([x.version, y.version].sort()).toEqual([1, 2]);
  });
});

test('`convene document show` prints a document from the store, or saves it 0600, and says what is missing', async () => {
  const store = testStore();
  const saved = await new DocumentStore(store).save('hlm-r7', 'draft-agenda', {
    markdown: '# Draft agenda\n\n1. Early warning\n',
    html: '<h1>Draft agenda</h1>',
  });
  const env = { DATABASE_URL: store.url, CONVENE_STORE_SCHEMA: store.schema };
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-doc-')), 'agenda.html');
  try {
    const shown = await convene(['document', 'show', 'r7', 'draft-agenda'], env);
    expect(shown).toMatchObject({ code: 0, stdout: '# Draft agenda\n\n1. Early warning\n' });

    const written = await convene(
      ['document', 'show', 'r7', 'draft-agenda', '--format', 'html', '--out', out],
      env,
    );
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`sha256 ${saved.sha256}`);
    expect(readFileSync(out, 'utf8')).toBe('<h1>Draft agenda</h1>');
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const missing = await convene(['document', 'show', 'r7', 'outcome-report'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cycle r7 has no outcome-report in the store (yet)');

    const help = await convene(['document', 'show', '--help'], env);
    expect(help.stdout).toContain('$ convene document show r7 draft-agenda');
  } finally {
    await store.close();
  }
});
