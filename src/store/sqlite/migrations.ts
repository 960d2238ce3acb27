/**
 * The schema, as numbered steps. A step once released is never edited: change the schema by appending
 * a new step, so every existing database walks the same path.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, case codes, audit log, outbox',
    sql: `
      CREATE TABLE cases (
        id                  INTEGER PRIMARY KEY,
        case_code           TEXT    NOT NULL UNIQUE,
        client_ref          TEXT    NOT NULL,
        client_group        TEXT    NOT NULL CHECK (client_group IN ('u25', 'ue25')),
        route               TEXT    NOT NULL CHECK (route IN ('formal', 'einzelfall')),
        prognosis           TEXT    NOT NULL CHECK (prognosis IN ('marktnah', 'nicht-marktnah')),
        needs               TEXT    NOT NULL CHECK (json_valid(needs) AND json_type(needs) = 'array'),
        counted_needs       INTEGER NOT NULL CHECK (counted_needs >= 0),
        integration12       INTEGER NOT NULL CHECK (integration12 IN (0, 1)),
        assessment          INTEGER NOT NULL CHECK (assessment IN (0, 1)),
        reason              TEXT,
        u25_until           TEXT    CHECK (u25_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        referring_person_id TEXT    NOT NULL,
        referring_team_id   TEXT    NOT NULL,
        receiving_team_id   TEXT    NOT NULL,
        flagged_on          TEXT    NOT NULL CHECK (date(flagged_on) = flagged_on),
        intake_deadline     TEXT    NOT NULL CHECK (date(intake_deadline) = intake_deadline),
        status              TEXT    NOT NULL
                                    CHECK (status IN ('vorgemerkt', 'zugewiesen', 'aktiv', 'abgelehnt', 'strittig', 'beendet')),
        assigned_fm_id      TEXT,
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cases_client_status ON cases (client_ref, status);
      CREATE INDEX cases_status_receiving_team ON cases (status, receiving_team_id);
      CREATE INDEX cases_referring_person ON cases (referring_person_id);
      -- The command checks first; this index settles the race between two simultaneous referrals.
      CREATE UNIQUE INDEX cases_one_open_per_client ON cases (client_ref)
        WHERE status IN ('vorgemerkt', 'zugewiesen', 'aktiv', 'strittig');

      CREATE TABLE case_code_counters (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL CHECK (last > 0)
      ) STRICT;

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor_id  TEXT    NOT NULL,
        action    TEXT    NOT NULL,
        case_code TEXT,
        details   TEXT    NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object')
      ) STRICT;
      CREATE INDEX audit_log_case_code ON audit_log (case_code);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        dedupe_key      TEXT    NOT NULL UNIQUE,
        target_kind     TEXT    NOT NULL CHECK (target_kind IN ('channel', 'direct')),
        target_ref      TEXT    NOT NULL,
        message         TEXT    NOT NULL CHECK (json_valid(message)),
        status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX outbox_status_next_attempt ON outbox (status, next_attempt_at);
    `,
  },
  {
    version: 2,
    name: 'case progress (assignment, intake, decline, end), U25 transfer, assignment rounds',
    sql: `
      ALTER TABLE cases ADD COLUMN transfer_from TEXT;
      ALTER TABLE cases ADD COLUMN transfer_late INTEGER CHECK (transfer_late IN (0, 1));
      ALTER TABLE cases ADD COLUMN assigned_at INTEGER;
      ALTER TABLE cases ADD COLUMN intake_on TEXT CHECK (intake_on IS NULL OR date(intake_on) = intake_on);
      ALTER TABLE cases ADD COLUMN intake_warm INTEGER CHECK (intake_warm IN (0, 1));
      ALTER TABLE cases ADD COLUMN intake_goals INTEGER CHECK (intake_goals IN (0, 1));
      ALTER TABLE cases ADD COLUMN intake_late INTEGER CHECK (intake_late IN (0, 1));
      ALTER TABLE cases ADD COLUMN intake_note TEXT;
      ALTER TABLE cases ADD COLUMN declined_reason TEXT;
      ALTER TABLE cases ADD COLUMN ended_on TEXT CHECK (ended_on IS NULL OR date(ended_on) = ended_on);
      ALTER TABLE cases ADD COLUMN end_reason TEXT;
      CREATE INDEX cases_assigned_fm ON cases (assigned_fm_id, status);

      -- R10: a U25 case and its Ü25 follow-up referral are open at the same time for one client;
      -- still only one open case per client and group.
      DROP INDEX cases_one_open_per_client;
      CREATE UNIQUE INDEX cases_one_open_per_client_group ON cases (client_ref, client_group)
        WHERE status IN ('vorgemerkt', 'zugewiesen', 'aktiv', 'strittig');

      CREATE TABLE rounds (
        id           INTEGER PRIMARY KEY,
        team_id      TEXT    NOT NULL,
        round_date   TEXT    NOT NULL CHECK (date(round_date) = round_date),
        trigger      TEXT    NOT NULL CHECK (trigger IN ('command', 'schedule')),
        status       TEXT    NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'superseded')),
        rows         TEXT    NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'array'),
        left_out     TEXT    NOT NULL CHECK (json_valid(left_out) AND json_type(left_out) = 'array'),
        created_by   TEXT    NOT NULL,
        created_at   INTEGER NOT NULL,
        confirmed_by TEXT,
        confirmed_at INTEGER
      ) STRICT;
      CREATE INDEX rounds_team_status ON rounds (team_id, status);
    `,
  },
  {
    version: 3,
    name: 'case lifecycle: flags, contacts, extensions, absences, duties, snoozes',
    sql: `
      ALTER TABLE cases ADD COLUMN in_measure INTEGER CHECK (in_measure IN (0, 1));
      ALTER TABLE cases ADD COLUMN report_pending INTEGER CHECK (report_pending IN (0, 1));
      ALTER TABLE cases ADD COLUMN last_review_on TEXT CHECK (last_review_on IS NULL OR date(last_review_on) = last_review_on);
      ALTER TABLE cases ADD COLUMN location_talk_on TEXT CHECK (location_talk_on IS NULL OR date(location_talk_on) = location_talk_on);
      ALTER TABLE cases ADD COLUMN planned_end_on TEXT CHECK (planned_end_on IS NULL OR date(planned_end_on) = planned_end_on);
      ALTER TABLE cases ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions >= 0);
      ALTER TABLE cases ADD COLUMN exit_successful INTEGER CHECK (exit_successful IN (0, 1));
      ALTER TABLE cases ADD COLUMN exit_recommendation TEXT;

      CREATE TABLE contacts (
        id          INTEGER PRIMARY KEY,
        case_code   TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        on_date     TEXT    NOT NULL CHECK (date(on_date) = on_date),
        kind        TEXT    NOT NULL CHECK (kind <> ''),
        qualified   INTEGER NOT NULL CHECK (qualified IN (0, 1)),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      -- qualified rides along so the jobs' per-case aggregate (R16) reads the index only.
      CREATE INDEX contacts_case_on ON contacts (case_code, on_date, qualified);

      CREATE TABLE extensions (
        id           INTEGER PRIMARY KEY,
        case_code    TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        months       INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12),
        reason       TEXT    NOT NULL,
        status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'rejected')),
        requested_by TEXT    NOT NULL,
        requested_at INTEGER NOT NULL,
        decided_by   TEXT,
        decided_at   INTEGER,
        CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL))
      ) STRICT;
      CREATE INDEX extensions_case ON extensions (case_code);
      -- The command checks first; this index settles the race between two requests for one case.
      CREATE UNIQUE INDEX extensions_one_pending_per_case ON extensions (case_code) WHERE status = 'pending';

      CREATE TABLE absences (
        id          INTEGER PRIMARY KEY,
        person_id   TEXT    NOT NULL,
        from_on     TEXT    NOT NULL CHECK (date(from_on) = from_on),
        to_on       TEXT    NOT NULL CHECK (date(to_on) = to_on AND to_on >= from_on),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX absences_person ON absences (person_id, from_on);

      CREATE TABLE duties (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL
                            CHECK (kind IN ('dienstbesprechung', 'austausch', 'fm_austausch', 'netzwerk', 'besuch')),
        subject     TEXT    NOT NULL CHECK (subject <> ''),
        on_date     TEXT    NOT NULL CHECK (date(on_date) = on_date),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX duties_kind_subject_on ON duties (kind, subject, on_date);

      -- No foreign key to cases: a snooze is only a key the digest compares against.
      CREATE TABLE snoozes (
        case_code  TEXT    NOT NULL,
        item_kind  TEXT    NOT NULL,
        due_on     TEXT    NOT NULL CHECK (date(due_on) = due_on),
        until_on   TEXT    NOT NULL CHECK (date(until_on) = until_on),
        snoozed_by TEXT    NOT NULL,
        snoozed_at INTEGER NOT NULL,
        PRIMARY KEY (case_code, item_kind, due_on)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX snoozes_until ON snoozes (until_on);
    `,
  },
  {
    version: 4,
    name: 'outbox: threads, in-place updates and the platform reference of sent messages',
    sql: `
      ALTER TABLE outbox ADD COLUMN thread_of TEXT;
      ALTER TABLE outbox ADD COLUMN replaces TEXT;
      ALTER TABLE outbox ADD COLUMN sent_ref TEXT CHECK (sent_ref IS NULL OR json_valid(sent_ref));
    `,
  },
  {
    version: 5,
    name: 'escalations decided by team leads, and their votes',
    sql: `
      CREATE TABLE escalations (
        id         INTEGER PRIMARY KEY,
        case_code  TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        kind       TEXT    NOT NULL CHECK (kind IN ('zugang', 'abgang', 'verlaengerung', 'kapazitaet')),
        status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
        team_id    TEXT    NOT NULL,
        seats      TEXT    NOT NULL CHECK (json_valid(seats) AND json_type(seats) = 'array' AND json_array_length(seats) > 0),
        raised_by  TEXT    NOT NULL,
        raised_at  INTEGER NOT NULL,
        reason     TEXT    NOT NULL,
        data       TEXT    NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object'),
        decided_at INTEGER,
        CHECK ((status = 'open') = (decided_at IS NULL))
      ) STRICT;
      CREATE INDEX escalations_case ON escalations (case_code);
      CREATE INDEX escalations_status ON escalations (status);
      -- Raising checks first; this index settles the race between two escalations of one kind for one case.
      CREATE UNIQUE INDEX escalations_one_open_per_case_kind ON escalations (case_code, kind) WHERE status = 'open';

      -- One vote per seat, and one seat per person: nobody decides a joint escalation alone.
      CREATE TABLE escalation_votes (
        escalation_id INTEGER NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        seat          TEXT    NOT NULL,
        voter_id      TEXT    NOT NULL,
        on_behalf_of  TEXT,
        vote          TEXT    NOT NULL CHECK (vote IN ('approve', 'reject')),
        comment       TEXT,
        at            INTEGER NOT NULL,
        PRIMARY KEY (escalation_id, seat),
        UNIQUE (escalation_id, voter_id)
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'Microsoft Teams: conversation references for proactive messages',
    sql: `
      -- Where the Teams bot may write later: a person's personal chat, a team channel, a group chat.
      -- The reference is Bot Framework's ConversationReference as JSON; no client data ever goes in here.
      CREATE TABLE teams_conversations (
        conversation_id TEXT    PRIMARY KEY CHECK (conversation_id <> ''),
        kind            TEXT    NOT NULL CHECK (kind IN ('personal', 'channel', 'groupChat')),
        user_id         TEXT,
        aad_object_id   TEXT,
        tenant_id       TEXT,
        service_url     TEXT    NOT NULL CHECK (service_url <> ''),
        reference       TEXT    NOT NULL CHECK (json_valid(reference) AND json_type(reference) = 'object'),
        updated_at      INTEGER NOT NULL,
        CHECK ((kind = 'personal') = (user_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX teams_conversations_user ON teams_conversations (user_id, updated_at) WHERE kind = 'personal';
      CREATE INDEX teams_conversations_aad ON teams_conversations (aad_object_id, updated_at) WHERE kind = 'personal';
      CREATE INDEX teams_conversations_updated ON teams_conversations (updated_at);
    `,
  },
  {
    version: 7,
    name: 'team duties: planned and confirmed occurrences, the first day each duty was seen (R28–R32)',
    sql: `
      -- A date after the day it was recorded is a plan: it counts for the interval only once confirmed
      -- ("held") and may be called off ("cancelled"). Rows written before this step counted at once; those
      -- whose date lay after their recording day become plans waiting for confirmation. '+2 hours' stands for
      -- Berlin time and errs on the side of "held", the old behaviour. R31 rows of this age name one FM team
      -- (not a pair "a+b"); the duties service lets them count for every pair of that team.
      ALTER TABLE duties ADD COLUMN status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('planned', 'held', 'cancelled'));
      ALTER TABLE duties ADD COLUMN settled_by TEXT;
      ALTER TABLE duties ADD COLUMN settled_at INTEGER;
      UPDATE duties SET status = 'planned' WHERE on_date > date(recorded_at / 1000, 'unixepoch', '+2 hours');
      CREATE INDEX duties_planned ON duties (on_date) WHERE status = 'planned';

      -- The first day the duties job knew a duty (or an R30 gap): one never recorded is due from then and
      -- reminded again while overdue. Kinds are not checked here: the gap is no recordable duty.
      CREATE TABLE duty_first_seen (
        kind     TEXT NOT NULL CHECK (kind <> ''),
        subject  TEXT NOT NULL CHECK (subject <> ''),
        first_on TEXT NOT NULL CHECK (date(first_on) = first_on),
        PRIMARY KEY (kind, subject)
      ) STRICT, WITHOUT ROWID;
      -- Until now a duty never held was reminded once, under the key 'ping.duty:<kind>:<subject>:never:<person>';
      -- the earliest such reminder is the best record of the first day. (R31 subjects change to pairs: not taken.)
      INSERT INTO duty_first_seen (kind, subject, first_on)
        SELECT kind, subject, min(day) FROM (
          SELECT substr(rest, 1, instr(rest, ':') - 1) AS kind,
                 substr(rest, instr(rest, ':') + 1, instr(rest, ':never:') - instr(rest, ':') - 1) AS subject,
                 date(created_at / 1000, 'unixepoch', '+2 hours') AS day
            FROM (SELECT substr(dedupe_key, 11) AS rest, created_at FROM outbox WHERE dedupe_key GLOB 'ping.duty:*:never:*')
        )
        WHERE kind IN ('dienstbesprechung', 'austausch', 'netzwerk', 'besuch') AND subject <> ''
        GROUP BY kind, subject;
    `,
  },
  {
    version: 8,
    name: 'results of the follow-ups after a successful exit (R27)',
    sql: `
      -- One result per follow-up (6, 12 or 24 months after the exit) and case; a recorded one is never due again.
      CREATE TABLE followups (
        case_code   TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        months      INTEGER NOT NULL CHECK (months IN (6, 12, 24)),
        result      TEXT    NOT NULL CHECK (result IN ('beschaeftigt', 'nicht-beschaeftigt', 'unbekannt')),
        on_date     TEXT    NOT NULL CHECK (date(on_date) IS on_date),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (case_code, months)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'what each team lead overview found, to show what is new the next day',
    sql: `
      -- Per lead, team and day: the findings of that day's overview (key -> signature, as JSON). Case codes
      -- and person ids only; kept a month.
      CREATE TABLE lead_digest_snapshots (
        person_id TEXT NOT NULL,
        team_id   TEXT NOT NULL,
        day       TEXT NOT NULL CHECK (date(day) = day),
        findings  TEXT NOT NULL CHECK (json_valid(findings) AND json_type(findings) = 'object'),
        PRIMARY KEY (person_id, team_id, day)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'planned exits awaiting the return talk (R22-R26)',
    sql: `
      -- A planned exit (warm return, R26): the case stays "aktiv" with its FM while the referring IFK (or the
      -- lead of the referring team) confirms the return talk or objects (R25). At most one undecided per case.
      CREATE TABLE case_returns (
        id             INTEGER PRIMARY KEY,
        case_code      TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        reason         TEXT    NOT NULL,
        recommendation TEXT,
        addressee_id   TEXT    NOT NULL,
        planned_by     TEXT    NOT NULL,
        planned_at     INTEGER NOT NULL,
        status         TEXT    NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'objected', 'confirmed', 'ended', 'withdrawn', 'kept')),
        objection      TEXT,
        escalation_id  INTEGER,
        decided_by     TEXT,
        decided_at     INTEGER,
        CHECK ((status IN ('pending', 'objected')) = (decided_at IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX case_returns_one_open_per_case ON case_returns (case_code) WHERE status IN ('pending', 'objected');
      CREATE INDEX case_returns_open ON case_returns (status) WHERE status IN ('pending', 'objected');
    `,
  },
  {
    version: 11,
    name: 'rate-limit pauses of the delivery, held across runs and restarts',
    sql: `
      -- Per platform: until when it asked not to be called (a 429's Retry-After). No message content.
      CREATE TABLE delivery_pauses (
        platform TEXT    PRIMARY KEY,
        until    INTEGER NOT NULL,
        reason   TEXT    NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 12,
    name: 'receipts of acknowledged requests until they are stored or answered',
    sql: `
      -- One row per request acknowledged to a chat platform and not finished yet: written before the ack, removed
      -- in the transaction that stores the request's change (or after its answer). A row found at start-up is a
      -- request the process acknowledged but died before storing: its sender is told. Ids and the subcommand
      -- name only, never what was typed.
      CREATE TABLE request_receipts (
        id          TEXT    PRIMARY KEY,
        platform    TEXT    NOT NULL,
        user_id     TEXT    NOT NULL,
        label       TEXT    NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 13,
    name: 'controlling (R35): needs resolved during FM, the potential a lead enters per team and month',
    sql: `
      -- R35: a Handlungsbedarf found at referral that the FM recorded as resolved (/fm bedarf … erledigt=…); codes only.
      CREATE TABLE needs_resolved (
        case_code   TEXT    NOT NULL REFERENCES cases (case_code) ON DELETE CASCADE,
        need        TEXT    NOT NULL CHECK (need <> ''),
        on_date     TEXT    NOT NULL CHECK (date(on_date) IS on_date),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (case_code, need)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX needs_resolved_on ON needs_resolved (on_date);

      -- R35: the potential of a team in a month as the lead read it from VerBIS (/fm kennzahlen potenzial=…);
      -- entering it again replaces it. A number only.
      CREATE TABLE team_potential (
        team_id     TEXT    NOT NULL CHECK (team_id <> ''),
        month       TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        value       INTEGER NOT NULL CHECK (value >= 0),
        recorded_by TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, month)
      ) STRICT, WITHOUT ROWID;

      -- The figures read referrals, intakes and exits by month.
      CREATE INDEX cases_flagged_on ON cases (flagged_on);
      CREATE INDEX cases_intake_on ON cases (intake_on) WHERE intake_on IS NOT NULL;
      CREATE INDEX cases_ended_on ON cases (ended_on) WHERE ended_on IS NOT NULL;
      CREATE INDEX audit_log_action_at ON audit_log (action, at);
    `,
  },
  {
    version: 14,
    name: 'the chat request (Slack envelope, Teams activity) an audit entry or outbox message came from',
    sql: `
      -- The id the log lines of that request carry (src/messaging/trace.ts); NULL for jobs and the CLI.
      ALTER TABLE audit_log ADD COLUMN request_id TEXT;
      ALTER TABLE outbox ADD COLUMN request_id TEXT;
    `,
  },
  {
    version: 15,
    name: 'the coded occasion of an extension (R19), counted by the controlling figures (R35)',
    sql: `
      -- anlass=<code> of /fm verlaengern (src/domain/vocabulary.ts EXTENSION_CODES); NULL for rows recorded before.
      ALTER TABLE extensions ADD COLUMN reason_code TEXT;
    `,
  },
];
