/**
 * One way to start a portal against the test server, and a visitor that speaks to it as a browser
 * without JavaScript does: it keeps cookies, follows nothing on its own, and posts forms with the
 * CSRF token of the last page it saw.
 */
import { loadDirectory } from '../../config/directory';
import { freePort } from '../../workers/dev-server';
import { startPortal, type RunningPortal } from '../../portal/start';
import { Store } from '../../store/store';
import { connectTestTemporal, type TestTemporal } from './temporal';
import { eventually } from './eventually';
import { readOutbox } from './outbox';

export interface TestPortal {
  t: TestTemporal;
  portal: RunningPortal;
  store: Store;
  url: string;
  /** The sign-in links mailed to `email` so far. */
  signInLinksFor(email: string): Promise<string[]>;
  /** Asks for a sign-in link as `visitor` and returns the new one from the outbox. */
  requestSignInLink(visitor: Visitor, email: string, next?: string): Promise<string>;
  /** A new visitor signed in as `email` with the mailed link (which leads to `next`). */
  signIn(email: string, next?: string): Promise<Visitor>;
  close(): Promise<void>;
}

export async function startTestPortal(env: Record<string, string> = {}): Promise<TestPortal> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await connectTestTemporal({
    CONVENE_PORTAL_PORT: String(port),
    CONVENE_PUBLIC_URL: url,
    CONVENE_SESSION_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    ...env,
  });
  // The worker's store (the settings' schema): the portal reads the documents the worker writes.
  const store = new Store(t.settings.store.url, { maxConnections: 2, schema: t.settings.store.schema });
  const portal = await startPortal({
    settings: t.settings,
    directory: loadDirectory(t.settings.directoryFile),
    store,
    client: t.client,
  });
  const testPortal: TestPortal = {
    t,
    portal,
    store,
    url,
    async signInLinksFor(email) {
      return signInLinks(t.settings.mail.outboxDir, email);
    },
    async requestSignInLink(visitor, email, next = '/') {
      const before = new Set(await signInLinks(t.settings.mail.outboxDir, email));
      await visitor.get('/sign-in');
      const sent = await visitor.post('/sign-in', { email, next });
      if (sent.status !== 200) throw new Error(`sign-in request for ${email} answered ${sent.status}`);
      return eventually(
        async () => (await signInLinks(t.settings.mail.outboxDir, email)).find((l) => !before.has(l)),
        { what: `a new sign-in mail to ${email}` },
      );
    },
    async signIn(email, next = '/') {
      const visitor = new Visitor(url);
      const link = await testPortal.requestSignInLink(visitor, email, next);
      const signedIn = await visitor.signInWith(link);
      if (signedIn.status !== 303) throw new Error(`signing in ${email} answered ${signedIn.status}`);
      return visitor;
    },
    async close() {
      await portal.stop();
      await store.close();
      await t.close();
    },
  };
  return testPortal;
}

async function signInLinks(outboxDir: string, email: string): Promise<string[]> {
  const mails = (await readOutbox(outboxDir)).filter(
    (m) => m.to.toLowerCase().includes(email) && m.kind === 'portal-sign-in',
  );
  return mails.flatMap((m) => /https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]+/.exec(m.text)?.[0] ?? []);
}

export interface Page {
  status: number;
  html: string;
  location?: string;
  headers: Headers;
}

export class Visitor {
  readonly cookies = new Map<string, string>();
  private csrf = '';
  /** The address seen by the portal (each visitor its own, as separate clients would be). */
  constructor(readonly base: string) {}

  async get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  /** Posts a form; `_csrf` is the last page's token unless the form gives its own (or `null`). */
  async post(path: string, form: Record<string, string | null>): Promise<Page> {
    const fields = { _csrf: this.csrf, ...form };
    const body = new URLSearchParams(
      Object.entries(fields).filter((kv): kv is [string, string] => kv[1] !== null),
    );
    return this.request('POST', path, body);
  }

  /** Posts a multipart form, as a browser does when the form has a file input; `_csrf` as for post. */
  async postMultipart(
    path: string,
    form: Record<string, string>,
    files: Record<string, { name: string; content: Buffer; type?: string }>,
  ): Promise<Page> {
    const body = new FormData();
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...form })) body.append(name, value);
    for (const [name, file] of Object.entries(files))
      body.append(
        name,
        new Blob([file.content], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    return this.request('POST', path, body);
  }

  /** Signs in with the mail's link: the confirm page, then its POST. */
  async signInWith(link: string): Promise<Page> {
    const path = new URL(link).pathname;
    await this.get(path);
    return this.post(path, {});
  }

  private async request(method: string, path: string, body?: URLSearchParams | FormData): Promise<Page> {
    const response = await fetch(new URL(path, this.base), {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return {
      status: response.status,
      html,
      location: response.headers.get('location') ?? undefined,
      headers: response.headers,
    };
  }
}
