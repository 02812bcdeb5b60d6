/**
 * A decision's first run does not build the schemas of the record it carries or of what people
 * send it (domain/decision-input.ts, domain/lazy-schema.ts): each workflow builds its own copy of
 * every schema it loads. Deferred, they must check exactly as before: the carried record as
 * CarriedDecision does, and a new decision's record as the record's schema would have made it.
 */
import { z } from 'zod';
import { DecisionPolicy, DecisionSpec } from '../../domain/decision';
import { DecisionTrackingInput } from '../../domain/decision-input';
import { CarriedDecision, DecisionState } from '../../domain/decision-record';
import { DecisionTracker } from '../../domain/decision-tracker';
import { builtOnFirstUse } from '../../domain/lazy-schema';
import { decisionInput } from './helpers';

const NOW = '2026-12-04T10:00:00.000Z';
const spec = DecisionSpec.parse(decisionInput('94b').decision);

const person = (email: string, organization: string, timeZone: string) => ({
  name: 'Amina Rahman',
  email,
  organization,
  timeZone,
});

const carried = {
  state: DecisionTracker.adopt(spec, NOW),
  roster: {
    organizations: [],
    committee: [person('committee@eu.example.org', 'eu', 'Europe/Brussels')],
    organizers: [person('amina.rahman@un.example.org', 'un', 'America/New_York')],
    knownOrganizationIds: ['au', 'eu', 'igad', 'ecowas', 'un'],
  },
  policy: DecisionPolicy.parse({}),
  runs: 1,
};

describe('a schema built on first use', () => {
  test('is not built while its field is absent, and built once', () => {
    let built = 0;
    const Lazy = z.object({
      n: builtOnFirstUse(() => {
        built += 1;
        return z.number().int();
      }).optional(),
    });
    expect(Lazy.parse({})).toEqual({});
    expect(built).toBe(0);
    expect(Lazy.parse({ n: 3 })).toEqual({ n: 3 });
    expect(Lazy.safeParse({ n: 3.5 }).success).toBe(false);
    expect(built).toBe(1);
  });
});

const records: [string, unknown][] = [
  ['a whole record', carried],
  ['a record whose status is unknown', { ...carried, state: { ...carried.state, status: 'forgotten' } }],
  ['a record without its roster', { ...carried, roster: undefined }],
  ['a record with a negative run count', { ...carried, runs: -1 }],
  ['something that is not a record', 'carried'],
];

test.each(records)('a decision handed %s checks it as the record schema does', (_what, record) => {
  const direct = CarriedDecision.safeParse(record);
  const input = DecisionTrackingInput.safeParse({ ...decisionInput('94b'), carried: record });
  expect(input.success).toBe(direct.success);
  if (direct.success) {
    expect(input.data?.carried).toEqual(direct.data);
  } else {
    expect(input.error?.issues).toEqual(
      direct.error.issues.map((issue) => ({ ...issue, path: ['carried', ...issue.path] })),
    );
  }
});

test('the whole record above is one the schema accepts', () => {
  expect(CarriedDecision.safeParse(carried).success).toBe(true);
});

test('a new decision’s record is what the record schema makes of it', () => {
  const adopted = DecisionTracker.adopt(spec, NOW);
  expect(adopted).toEqual(DecisionState.parse(adopted));
  expect(adopted.spec).not.toBe(spec); // its own copy: the tracker changes its record, never the input
  expect(adopted.responsible).not.toBe(spec.responsibleOrganizations);
});
