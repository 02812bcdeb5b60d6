/**
 * How the CLI reports a failure no boundary caught before: a zod error becomes one line per
 * problem, with the field's path, in the reader's language, and exit code 2; never zod's raw dump.
 */
import { z } from 'zod';
import { translator } from '../../i18n/catalog';
import { report } from '../../cli/main';

function reported(err: unknown, lang = 'en'): { code: number; printed: string } {
  const lines: string[] = [];
  const spy = jest
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { code: report(err, () => translator(lang)), printed: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const Group = z.object({ title: z.string().max(200, 'at most 200 characters'), chair: z.email() });
const invalid = () => Group.safeParse({ title: 'x'.repeat(201), chair: 'not an address' }).error;

test('a ZodError that reaches the top is said as one line per problem, each naming its field', () => {
  const { code, printed } = reported(invalid());
  expect(code).toBe(2);
  expect(printed.split('\n')).toEqual([
    'Some values are not valid; fix each one and try again:',
    '  - title: at most 200 characters',
    expect.stringMatching(/^ {2}- chair: /),
  ]);
  expect(printed).not.toMatch(/ZodError|"code"|\n\s+at /);
});

test('the frame follows the reader language; the rule stays as the boundary says it', () => {
  expect(reported(invalid(), 'fr').printed).toMatch(
    /^Certaines valeurs ne sont pas valides.*\n {2}- title: /,
  );
});
