/**
 * The two names most records carry: a person's e-mail address and an organization's id. Apart from
 * organization.ts (the directory's schemas) so that a workflow which only names people and
 * organizations, a decision for one, does not build the directory's schemas too: every workflow
 * builds its own copy of the schemas it imports (workflows/index.ts).
 */
import { z } from 'zod';

/** Lower-case letters, digits and dashes: safe inside workflow ids and file names. */
export const OrganizationId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes, starting with a letter');

export const Email = z.email('must be an e-mail address such as name@example.org').toLowerCase();
