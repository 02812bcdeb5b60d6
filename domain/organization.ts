import { z } from 'zod';
import { Email, OrganizationId } from './addresses';
import { Language } from './language';
import { Line } from './text';

export { Email, OrganizationId } from './addresses';

/** How the source document classes a partner (paras 77–82, 99 c). */
export const OrganizationKind = z.enum([
  'united-nations',
  'regional',
  'subregional',
  'other-intergovernmental',
]);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** Chapter VIII of the Charter, or other provisions (paras 77–82). */
export const CharterBasis = z.enum(['un-charter', 'chapter-viii', 'other-provisions']);
export type CharterBasis = z.infer<typeof CharterBasis>;

export const Weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof Weekday>;

/** ISO weekday numbers, as luxon and the calendar arithmetic count them: Monday 1 … Sunday 7. */
export const WEEKDAY_NUMBER: Readonly<Record<Weekday, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

export const Person = z.object({
  name: Line(200),
  email: Email,
  /** IANA zone the person works in; defaults to the organization's headquarters zone. */
  timeZone: z.string().optional(),
  /** The language the person reads; defaults to the organization's first working language. */
  language: Language.optional(),
});
export type Person = z.infer<typeof Person>;

/** Business hours as local "HH:mm" on working days. */
export const BusinessHours = z
  .object({
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)'),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)'),
  })
  .refine((h) => h.start < h.end, { message: 'start must be before end' });
export type BusinessHours = z.infer<typeof BusinessHours>;

export const Organization = z.object({
  id: OrganizationId,
  name: Line(200),
  acronym: Line(20),
  kind: OrganizationKind,
  charterBasis: CharterBasis,
  region: Line(100),
  headquarters: z.object({
    city: Line(100),
    country: Line(100),
    /** IANA time zone of the headquarters; checked against the time-zone database on load. */
    timeZone: z.string().min(1),
  }),
  weekendDays: z.array(Weekday).min(1).max(3),
  businessHours: BusinessHours.default({ start: '09:00', end: '18:00' }),
  /** Holiday calendar id (see config/holidays/); none means only weekends are closed. */
  holidayCalendar: z.string().optional(),
  /** The languages the organization works in, the one its people read by default first. */
  workingLanguages: z.array(Language).min(1, 'needs at least one language').default(['en']),
  focalPoints: z.array(Person).min(1, 'needs at least one focal point'),
});
export type Organization = z.infer<typeof Organization>;
export type OrganizationInput = z.input<typeof Organization>;
