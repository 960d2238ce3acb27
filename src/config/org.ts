/**
 * The organisation file (../shared/contract.md): jobcenter, offices, teams, people.
 * Validated with zod; every problem names its JSON path.
 */
import { z } from 'zod/v4';

export const ROLES = ['ifk', 'fm', 'teamlead', 'officelead', 'admin'] as const;
export const TEAM_KINDS = ['fm_u25', 'fm_ue25', 'mi'] as const;

export type Role = (typeof ROLES)[number];
export type TeamKind = (typeof TEAM_KINDS)[number];

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'nur Buchstaben, Ziffern und . _ : -');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT');

export const absenceSchema = z.object({ from: isoDate, to: isoDate });

export const personSchema = z.object({
  id,
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  team: id.optional(),
  fte: z.number().min(0.1).max(1).default(1),
  slackUserId: z.string().min(1).optional(),
  teamsUserId: z.string().min(1).optional(),
  absences: z.array(absenceSchema).default([]),
  /** Topic responsibilities (R32), used by the assignment proposal to prefer matching FMs. */
  topics: z.array(z.string()).default([]),
  /** Stands in for this person (e.g. a lead's deputy for escalations) while they are absent. */
  deputy: id.optional(),
});

export const teamSchema = z.object({
  id,
  name: z.string().min(1),
  kind: z.enum(TEAM_KINDS),
  office: id,
  leads: z.array(id).default([]),
  /** Clients per full-time FM (R13/R14); defaults by kind: U25 75, Ü25 150. */
  caseloadRatio: z.number().int().positive().optional(),
  slackChannel: z.string().min(1).optional(),
  teamsChannel: z.string().min(1).optional(),
  /** M&I teams: the FM who is this team's contact person (R30). */
  contactFm: id.optional(),
});

export const officeSchema = z.object({
  id,
  name: z.string().min(1),
  leads: z.array(id).default([]),
});

export const orgSchema = z.object({
  jobcenter: z.object({
    name: z.string().min(1),
    holidayRegion: z.string().min(2),
    timezone: z.literal('Europe/Berlin').default('Europe/Berlin'),
  }),
  offices: z.array(officeSchema).min(1),
  teams: z.array(teamSchema).min(1),
  people: z.array(personSchema).min(1),
});

export type Org = z.infer<typeof orgSchema>;
export type Person = Org['people'][number];
export type Team = Org['teams'][number];
export type Office = Org['offices'][number];
export type Absence = z.infer<typeof absenceSchema>;
