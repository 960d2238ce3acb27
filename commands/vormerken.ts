/**
 * /fm vormerken — an IFK refers a client to case management (R1–R4, R8, R10).
 * The referral, its audit entry and the notice to the receiving FM team are written in one transaction.
 */
import { z } from 'zod/v4';
import { checkAccess, type AccessInput } from '../src/domain/access.js';
import { normalizeClientRef } from '../src/domain/clientRef.js';
import { UserError, UserErrors } from '../src/domain/errors.js';
import { intakeDeadline } from '../src/domain/intake.js';
import { formatGermanDate } from '../src/domain/time.js';
import type { Team } from '../src/config/org.js';
import { reasonLabel, referralTexts as T } from '../src/i18n/commands.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { keyGroupLabel, needLabel, violationText } from '../src/i18n/rules.js';
import { facts, heading, message, text, type Form, type Message } from '../src/messaging/reply.js';
import { OpenCaseExistsError } from '../src/store/ports.js';
import { type Group } from '../src/domain/vocabulary.js';
import { assertTeamReachable } from './caseAccess.js';
import { FieldReader, YES_NO } from './fields.js';
import type { CommandContext, CommandDefinition } from './types.js';
import type { ParsedCommand } from './parse.js';

const KEYS = [
  'kunde',
  'gruppe',
  'zugang',
  'prognose',
  'hb',
  'integration12',
  'einschaetzung',
  'grund',
  'zustimmung',
  'informiert',
  'verbis',
  'u25bis',
] as const;

const u25Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const vormerken: CommandDefinition = {
  name: 'vormerken',
  roles: ['ifk'], // R3: only IFK refer
  helpOrder: 20,
  refusal: (actor) => new UserError(T.onlyIfk(actor.roles.join(', ')), undefined, 'R3'),
  help: commandHelp.vormerken,
  teamsMenu: {
    personal: { priority: 110, description: M.vormerken },
  },
  keys: KEYS,
  maxPositionals: 0,
  form: referralForm,
  run(ctx, input) {
    const access = readReferral(ctx, input);
    const today = ctx.calendar.today(ctx.clock.now());
    const verdict = checkAccess(access.input, today, ctx.needCatalogue);
    if (!verdict.ok) {
      throw new UserErrors(verdict.violations.map((v) => new UserError(violationText(v), v.field, v.rule)));
    }

    const referringTeam = ctx.org.team(ctx.actor.team ?? '');
    const receiving = receivingTeam(ctx, access.input.group, referringTeam);
    assertTeamReachable(ctx, receiving);

    const existing = ctx.store.cases.findOpenByClient(access.clientRef);
    if (existing) throw new UserError(T.openCase(existing.caseCode), 'kunde');

    const deadline = intakeDeadline(today, ctx.calendar); // R4
    const now = ctx.clock.now();
    const group = T.groupLabel(access.input.group);
    const record = ctx.store.transaction(() => {
      // The database refuses a second open case even if another request got in between (race).
      const raced = ctx.store.cases.findOpenByClient(access.clientRef);
      if (raced) throw new UserError(T.openCase(raced.caseCode), 'kunde');
      const caseCode = ctx.store.codes.next(Number(today.slice(0, 4)));
      const saved = ctx.store.cases.insertReferral({
        caseCode,
        clientRef: access.clientRef,
        group: access.input.group,
        route: access.input.route,
        prognosis: access.input.prognosis,
        needs: access.input.needs,
        countedNeeds: verdict.countedNeeds,
        integration12: access.input.integration12,
        assessment: access.input.assessment,
        reason: access.input.reason,
        u25Until: access.input.u25Until,
        referringPersonId: ctx.actor.id,
        referringTeamId: referringTeam?.id ?? '',
        receivingTeamId: receiving.id,
        flaggedOn: today,
        intakeDeadline: deadline,
        createdAt: now,
      });
      ctx.store.audit.record({
        at: now,
        actorId: ctx.actor.id,
        action: 'referral.created',
        caseCode,
        details: { route: access.input.route, group: access.input.group, countedNeeds: verdict.countedNeeds },
      });
      // The shared channel sees the case code and facts, never the client reference.
      ctx.store.outbox.enqueue({
        dedupeKey: `referral.notice:${caseCode}`,
        target: { kind: 'channel', teamId: receiving.id },
        createdAt: now,
        message: message(
          T.channelSummary(caseCode, group, formatGermanDate(deadline)),
          heading(T.channelHeading(caseCode)),
          facts(
            [T.factGroup, group],
            [T.factRoute, T.routeLabel(access.input.route, access.input.reason)],
            [T.factNeeds, T.neededCount(verdict.countedNeeds, access.input.needs.length)],
            [T.factReferringTeam, referringTeam?.name ?? '—'],
            [T.factDeadline, formatGermanDate(deadline)],
          ),
        ),
      });
      return saved;
    });

    return confirmation(record.caseCode, access.clientRef, access.input, verdict.countedNeeds, deadline, receiving);
  },
};

function readReferral(ctx: CommandContext, input: ParsedCommand): { clientRef: string; input: AccessInput } {
  const f = new FieldReader(input);
  const rawClient = f.raw('kunde', true);
  const clientRef = rawClient === undefined ? undefined : normalizeClientRef(rawClient);
  if (rawClient !== undefined && clientRef === undefined) f.fail('kunde', T.clientFormat);
  const group = f.oneOf('gruppe', ['u25', 'ue25'], true);
  const route = f.oneOf('zugang', ['formal', 'einzelfall'], true);
  const prognosis = f.oneOf('prognose', ['marktnah', 'nicht-marktnah'], true);
  const needs = readNeeds(ctx, f);
  const integration12 = f.yesNo('integration12', true);
  const assessment = f.yesNo('einschaetzung', true);
  const reason = f.oneOf('grund', ['hemmnis', 'akut', 'psyche'], false);
  const consent = f.yesNo('zustimmung', true);
  const informed = f.yesNo('informiert', true);
  const verbis = f.yesNo('verbis', true);
  const u25Until = f.raw('u25bis', false);
  if (u25Until !== undefined && !u25Month.safeParse(u25Until).success) f.fail('u25bis', T.u25Format, 'R10');
  f.throwIfAny();
  return {
    clientRef: clientRef!,
    input: {
      group: group!,
      route: route!,
      prognosis: prognosis!,
      needs: needs!,
      integration12: integration12!,
      assessment: assessment!,
      reason,
      consent: consent!,
      informed: informed!,
      verbis: verbis!,
      u25Until,
    },
  };
}

function readNeeds(ctx: CommandContext, f: FieldReader): string[] | undefined {
  const value = f.raw('hb', true);
  if (value === undefined) return undefined;
  const codes = value
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  const known = new Set(ctx.needCatalogue.map((n) => n.code));
  const unknown = codes.filter((c) => !known.has(c));
  const repeated = [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];
  if (unknown.length) f.fail('hb', T.unknownNeeds(unknown, [...known]), 'R1');
  if (repeated.length) f.fail('hb', T.repeatedNeeds(repeated), 'R1');
  return codes;
}

/** U25 referrals go to an fm_u25 team, Ü25 to fm_ue25 (R13); the referring team's office first. */
function receivingTeam(ctx: CommandContext, group: Group, referringTeam: Team | undefined): Team {
  const candidates = ctx.org.teamsOfKind(group === 'u25' ? 'fm_u25' : 'fm_ue25');
  const team = candidates.find((t) => t.office === referringTeam?.office) ?? candidates[0];
  if (!team) throw new UserError(T.noReceivingTeam(T.groupLabel(group)));
  return team;
}

function confirmation(
  caseCode: string,
  clientRef: string,
  input: AccessInput,
  counted: number,
  deadline: string,
  receiving: Team,
): Message {
  const due = formatGermanDate(deadline);
  const needs = `${T.neededCount(counted, input.needs.length)} (${input.needs.map(needLabel).join(', ')})`;
  return message(
    T.savedSummary(caseCode, due),
    heading(T.savedHeading),
    facts(
      [T.factCase, caseCode],
      [T.factClient, clientRef],
      [T.factGroup, T.groupLabel(input.group)],
      [T.factRoute, T.routeLabel(input.route, input.reason)],
      [T.factNeeds, needs],
      [T.factDeadline, due],
    ),
    text(T.savedNext(receiving.name)),
  );
}

function referralForm(ctx: CommandContext): Form {
  const groups = ['leistungsfaehigkeit', 'rahmenbedingungen', 'sonstige'] as const;
  const yesNo = [...YES_NO];
  return {
    command: 'vormerken',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      { kind: 'text', key: 'kunde', label: T.fieldKunde, hint: T.hintKunde, required: true, placeholder: '123A456789' },
      {
        kind: 'select',
        key: 'gruppe',
        label: T.fieldGruppe,
        required: true,
        options: [
          { value: 'ue25', label: T.optionUe25 },
          { value: 'u25', label: T.optionU25 },
        ],
      },
      {
        kind: 'select',
        key: 'zugang',
        label: T.fieldZugang,
        required: true,
        options: [
          { value: 'formal', label: T.optionFormal },
          { value: 'einzelfall', label: T.optionEinzelfall },
        ],
      },
      {
        kind: 'select',
        key: 'prognose',
        label: T.fieldPrognose,
        required: true,
        options: [
          { value: 'nicht-marktnah', label: T.optionNichtMarktnah },
          { value: 'marktnah', label: T.optionMarktnah },
        ],
      },
      {
        kind: 'multiselect',
        key: 'hb',
        label: T.fieldHb,
        hint: T.hintHb,
        required: true,
        groups: groups
          .map((g) => ({
            label: keyGroupLabel(g),
            options: ctx.needCatalogue.filter((n) => n.keyGroup === g).map((n) => ({ value: n.code, label: needLabel(n.code) })),
          }))
          .filter((g) => g.options.length > 0),
      },
      { kind: 'select', key: 'integration12', label: T.fieldIntegration12, required: true, options: yesNo },
      { kind: 'select', key: 'einschaetzung', label: T.fieldEinschaetzung, required: true, options: yesNo },
      {
        kind: 'select',
        key: 'grund',
        label: T.fieldGrund,
        hint: T.hintGrund,
        required: false,
        options: (['hemmnis', 'akut', 'psyche'] as const).map((r) => ({ value: r, label: reasonLabel(r) })),
      },
      { kind: 'select', key: 'zustimmung', label: T.fieldZustimmung, required: true, options: yesNo },
      { kind: 'select', key: 'informiert', label: T.fieldInformiert, required: true, options: yesNo },
      { kind: 'select', key: 'verbis', label: T.fieldVerbis, required: true, options: yesNo },
      { kind: 'text', key: 'u25bis', label: T.fieldU25bis, required: false, placeholder: '2027-04' },
    ],
  };
}

