/**
 * `npm run i18n:check`: the keys each catalog (locales/<lang>.json) lacks, the keys it has that
 * convene does not use, and the messages that do not parse. Exits 1 when English or French is
 * incomplete; the drafts awaiting the Secretariat's translators only warn.
 */
import { DECISION_STATUSES, ESCALATION_AUDIENCES } from '../domain/decision';
import { CATALOGS } from '../i18n/catalog';
import { checkCatalogs, formatReport } from '../i18n/check';
import { loadDirectory } from '../config/directory';
import { loadSettings } from '../config/settings';

const settings = loadSettings();
const zones = new Set(
  loadDirectory(settings.directoryFile).organizations.map((o) => o.headquarters.timeZone),
);
const lookedUp = [
  ...DECISION_STATUSES.map((s) => `status.${s}`),
  ...ESCALATION_AUDIENCES.map((a) => `audience.${a}`),
  ...[...zones].map((z) => `city.${z}`),
];

const reports = checkCatalogs(CATALOGS, lookedUp);
for (const line of formatReport(reports)) console.log(line);
const failing = reports.filter((r) => r.fails).map((r) => r.language);
if (failing.length) {
  console.error(
    `i18n check failed: ${failing.join(', ')} must be complete. Add the missing keys to locales/<lang>.json (English is the source).`,
  );
  process.exit(1);
}
