/**
 * German texts that describe the /fm subcommands: their entries in /fm hilfe and their descriptions in the
 * Teams command menu (teams/manifest.json, written by `npm run teams:manifest`). Each command file takes its
 * own texts from here (`help: commandHelp.<name>`); /fm hilfe lists them in the order of the registry.
 */

/** One entry of /fm hilfe: an example line and what it does. */
export interface HelpEntry {
  usage: string;
  text: string;
}

export const helpTexts = {
  heading: 'FM-Lotse – Befehle',
  intro:
    'Alle Befehle beginnen mit `/fm`. Angaben schreibst du als `name=wert`, Werte mit Leerzeichen in Anführungszeichen. ' +
    'Ohne Angaben öffnet ein Befehl ein Formular, wo es eines gibt.',
  needsHeading: 'Handlungsbedarfe (hb=…)',
};

/**
 * The entries of each subcommand in /fm hilfe. A command described in another's entry has none of its own
 * (gutachten with massnahme, standort with pruefung, the escalation votes with eskalieren).
 */
export const commandHelp = {
  hilfe: [{ usage: '/fm hilfe', text: 'Diese Übersicht.' }],
  vormerken: [
    {
      usage:
        '/fm vormerken kunde=123A456789 gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja',
      text: 'Kund:in für das Fallmanagement vormerken (nur IFK). Einzelfall: `zugang=einzelfall grund=hemmnis|akut|psyche`; U25: `gruppe=u25 u25bis=2027-04`. Die Übernahmefrist sind 14 Arbeitstage (R4).',
    },
  ],
  vormerkungen: [{ usage: '/fm vormerkungen', text: 'Offene Vormerkungen: deine eigenen (IFK) oder die deines FM-Teams; die Geschäftsstellenleitung sieht die aller Teams der Geschäftsstelle.' }],
  runde: [
    {
      usage: '/fm runde',
      text: 'Zuweisungsrunde des eigenen FM-Teams: Vorschlag nach individuellem Betreuungsschlüssel in den Teamkanal posten (R9). Auch automatisch vor der wöchentlichen Teambesprechung.',
    },
    {
      usage: '/fm runde aendern FM-2026-0001 fm=fm-aylin · /fm runde neu · /fm runde bestaetigen',
      text: 'Eine Zeile ändern, neu berechnen oder den Vorschlag übernehmen – wie die Knöpfe an der Nachricht.',
    },
  ],
  uebernahme: [
    {
      usage: '/fm uebernahme FM-2025-0001 datum=03.11.2025 warm=ja ziele=ja',
      text:
        'Übernahme erfassen (zuständige Fachkraft oder Teamleitung des FM-Teams): der Fall ist ab dem Datum aktiv. ' +
        'Ohne warme Übergabe `warm=nein grund="…"` (R11). Nach der Frist von 14 Arbeitstagen zählt sie als verspätet (R4).',
    },
  ],
  ablehnen: [
    {
      usage: '/fm ablehnen FM-2025-0001 anlass=keine-mitwirkung grund="Kunde lehnt Teilnahme ab"',
      text:
        'Vormerkung ablehnen (zuständige Fachkraft oder Teamleitung des FM-Teams); der Grund geht an die vormerkende Fachkraft (R12). ' +
        'Bei Uneinigkeit entscheiden die Teamleitungen gemeinsam (R7). ' +
        '`anlass=` für die Kennzahlen (R35): keine-mitwirkung, nicht-erreicht (erst zwei Kontaktversuche, R23), kriterien-fehlen, ' +
        'anderes-angebot, zustaendigkeit, sonstiges; ohne Anlass zählt die Ablehnung als „ohne Angabe“.',
    },
  ],
  uebergang: [
    {
      usage: '/fm uebergang FM-2025-0001',
      text:
        'U25-Fall in das Ü25-FM übergeben (zuständige Fachkraft, ihre Vertretung oder Teamleitung U25): legt eine Ü25-Vormerkung an, ' +
        'spätestens drei Monate vor dem Monat des 25. Geburtstags (R10); ab vier Monaten vorher erinnert der Bot jede Woche daran. ' +
        'Vormerkende Fachkraft bleibt die IFK, die zum Rückgabegespräch eingeladen wird (R26). Mit der Ü25-Übernahme endet der U25-Fall.',
    },
  ],
  team: [
    {
      usage: '/fm team',
      text: 'Übersicht deines FM-Teams: Fälle, Kapazität und Auslastung je Fachkraft, Abwesenheiten, offene Vormerkungen, verspätete Übernahmen. Leitungen mehrerer Teams und die Geschäftsstellenleitung (alle FM-Teams der Geschäftsstelle): `team=fm-ue25`.',
    },
  ],
  kontakt: [
    {
      usage: '/fm kontakt FM-2025-0001 datum=03.02.2026 art=telefon',
      text:
        'Kontakt erfassen (zuständige Fachkraft, ihre Vertretung oder Teamleitung); ohne Datum gilt heute, ohne Art ein persönliches Gespräch. ' +
        'Arten: persoenlich, telefon, video, aufsuchend, netzwerk, kooperationsplan, standort, vermerk, profiling, strategie, reha. ' +
        'Netzwerkgespräche zählen nicht für die Mindestkontakte (R16); aufsuchend nur mit `zustimmung=ja` (R33).',
    },
  ],
  massnahme: [
    {
      usage: '/fm massnahme FM-2025-0001 ja · /fm gutachten FM-2025-0001 ja',
      text:
        'In einer Maßnahme gilt der Kontaktrhythmus für Maßnahmen; solange ein Gutachten aussteht, gibt es keine Kontakterinnerungen (R15). ' +
        'Mit `nein` endet es wieder.',
    },
  ],
  gutachten: [],
  pruefung: [
    {
      usage: '/fm pruefung FM-2025-0001 · /fm standort FM-2025-0001',
      text: 'Sechsmonatsprüfung (R20) und Standortgespräch nach zwei Jahren (R21) erfassen; ohne `datum=` gilt heute.',
    },
  ],
  standort: [],
  verlaengern: [
    {
      usage: '/fm verlaengern FM-2025-0001 monate=6 anlass=therapie grund="Therapie läuft bis Sommer"',
      text:
        'Verlängern um bis zu 12 Monate, höchstens zweimal und bis 48 Monate; darüber nur mit Zustimmung der Teamleitung bis 60 Monate (R19). ' +
        '`anlass=` für die Kennzahlen (R35): fortschritt, massnahme, therapie, arbeitsaufnahme, sonstiges; ohne Anlass zählt sie als „ohne Angabe“.',
    },
  ],
  abgang: [
    {
      usage: '/fm abgang FM-2025-0001 grund=ziele-erreicht',
      text:
        'Abgang planen (R22): ziele-erreicht, integration, beduerfnisse-reduziert, kein-potenzial (mit `empfehlung="…"`, R24), keine-mitwirkung, ' +
        'angebote-erschoepft, kunde-lehnt-ab, zustaendigkeit, arbeitsbuendnis, hoechstdauer. Versäumte Termine allein reichen nicht; ' +
        '`keine-mitwirkung` braucht zwei Kontaktversuche verschiedener Art in 3 Monaten (R23). Der Fall bleibt mit Status „Rückgabe“ bei dir, ' +
        'bis die vormerkende Fachkraft das Rückgabegespräch bestätigt oder die Teamleitungen entscheiden (R25, R26). Als Vertretung nur mit `einwilligung=ja` (R17).',
    },
  ],
  rueckgabe: [
    {
      usage: '/fm rueckgabe FM-2025-0001 bestaetigt',
      text:
        'Antwort auf einen geplanten Abgang (R26): `bestaetigt` nach dem Rückgabegespräch – der Fall ist beendet; ' +
        '`widerspruch grund="…"` – die beiden Teamleitungen entscheiden gemeinsam (R25); `zurueckziehen` (die Fallmanager:in), solange nichts entschieden ist.',
    },
  ],
  nachhaltigkeit: [
    {
      usage: '/fm nachhaltigkeit FM-2025-0001 monat=6 ergebnis=beschaeftigt',
      text:
        'Ergebnis des Nachhaltens nach einem erfolgreichen Abgang erfassen (zuständige Fachkraft, ihre Vertretung oder Teamleitung): ' +
        '`monat=6|12|24`, `ergebnis=beschaeftigt|nicht-beschaeftigt|unbekannt`. Fällig je vier Wochen ab dem Datum, danach verpasst (R27).',
    },
  ],
  meine: [{ usage: '/fm meine', text: 'Deine Fälle mit dem, was als Nächstes fällig ist – Dringendes zuerst; dazu Fälle, die du gerade vertrittst.' }],
  fall: [{ usage: '/fm fall FM-2025-0001', text: 'Ein Fall im Überblick: Daten, Kontakte gegen das Mindestmaß (R16), Fälliges.' }],
  abwesend: [
    {
      usage: '/fm abwesend von=21.12.2026 bis=04.01.2027',
      text: 'Abwesenheit eintragen; Teamleitungen auch für Teammitglieder mit `person=…`. Die Vertretungskette des Teams übernimmt (R17).',
    },
  ],
  termin: [
    {
      usage: '/fm termin art=dienstbesprechung datum=12.03.2026',
      text:
        'Teamtermine erfassen: Dienstbesprechung (R28), `austausch` (R29), `fm-austausch` (R31), `netzwerk` (R32). Die Erinnerungen richten sich ' +
        'nach dem letzten stattgefundenen Termin; solange einer überfällig ist, kommen sie wieder (in der Regel alle 14 Tage).',
    },
    {
      usage: '/fm termin art=fm-austausch partner=fm-u25 datum=12.03.2026',
      text: 'Austausch mit einem anderen FM-Team (R31): `partner=` nennt das Team; der Termin zählt für beide Teams.',
    },
    {
      usage: '/fm termin bestaetigen nr=12',
      text:
        'Ein Datum in der Zukunft ist ein geplanter Termin: Am Arbeitstag davor werden die Beteiligten erinnert, danach fragt der Bot, ob er ' +
        'stattgefunden hat. Erst die Bestätigung zählt; `/fm termin absagen nr=12`, wenn er ausgefallen ist.',
    },
  ],
  besuch: [
    {
      usage: '/fm besuch team=mi-1 datum=12.03.2026',
      text: 'Besuch der Kontakt-Fallmanager:in in einem M&I-Team erfassen (R30); ein Datum in der Zukunft ist ein geplanter Besuch (bestätigen wie bei `termin`).',
    },
  ],
  eskalieren: [
    {
      usage: '/fm eskalieren FM-2025-0001 art=zugang grund="…"',
      text:
        'Uneinigkeit zur Entscheidung an die Teamleitungen geben (vormerkende oder zuständige Fachkraft, Teamleitungen): ' +
        '`art=zugang` nach einer Ablehnung (R7), `art=abgang abgangsgrund=…` gegen einen geplanten Abgang (R25). ' +
        'Im Kanal des FM-Teams erscheint eine Nachricht mit Thread; die Teamleitungen entscheiden mit „Zustimmen“/„Ablehnen“ oder ' +
        'mit der Antwort „zustimmen“ / „ablehnen <Begründung>“ im Thread, bei Abwesenheit ihre Vertretung. ' +
        'Verlängerungen, die Zustimmung brauchen (R19), und fehlende Kapazität (R4) kommen von selbst dorthin. ' +
        'Ohne Knöpfe: `/fm eskalation-zustimmen eskalation=3`, `/fm eskalation-ablehnen eskalation=3 kommentar="…"`.',
    },
  ],
  verlauf: [
    {
      usage: '/fm verlauf FM-2025-0001',
      text: 'Alle Schritte eines Falls mit Zeit und Person (für die Teamleitungen der beteiligten Teams und die beteiligten Fachkräfte).',
    },
  ],
  eskalationZustimmen: [],
  eskalationAblehnen: [],
  stichprobe: [
    {
      usage: '/fm stichprobe FM-2026-0001 geprueft befund="Abgangsgrund nachvollziehbar dokumentiert"',
      text:
        'Fall der monatlichen Stichprobe als geprüft abzeichnen (Teamleitung des FM-Teams oder Geschäftsstellenleitung, R34); ' +
        'der Befund (höchstens 500 Zeichen, keine Einzelheiten über die Person) bleibt im Protokoll und erscheint in keinem Kanal. ' +
        'Ohne Angaben: die noch offenen Fälle deiner Stichproben.',
    },
  ],
  eskalationen: [
    {
      usage: '/fm eskalationen',
      text:
        'Die offenen Eskalationen, die du entscheiden kannst, mit ihrer Nummer und den getippten Befehlen dazu ' +
        '(`/fm eskalation-zustimmen <Nr>`, `/fm eskalation-ablehnen <Nr> kommentar="…"`, bei Kapazität `/fm kapazitaet <Nr> …`). ' +
        'Die Geschäftsstellenleitung sieht die offenen Eskalationen aller Teams ihrer Geschäftsstelle.',
    },
  ],
  kapazitaet: [
    {
      usage: '/fm kapazitaet 7 zuweisen fm=fm-tobias',
      text:
        'Teamleitung, Vormerkungen über der Kapazität (R4): an die genannte Fallmanager:in über die Kapazität hinaus zuweisen ' +
        '(ohne `fm=` wie vorgeschlagen), `/fm kapazitaet 7 verschieben tage=10 grund="…"` verschiebt die Übernahmefrist um 10 Arbeitstage, ' +
        '`/fm kapazitaet 7 zurueckgeben grund="…"` gibt die Vormerkungen an die IFK zurück; mit `fall=FM-…` nur diesen Fall, die übrigen bleiben offen. ' +
        'Bis dahin weist die bestätigte Runde sie nicht zu.',
    },
  ],
  bedarf: [
    {
      usage: '/fm bedarf FM-2025-0001 erledigt=sucht,schulden',
      text:
        'Bei der Vormerkung festgestellte Handlungsbedarfe als während des Fallmanagements erledigt erfassen (zuständige Fachkraft, ' +
        'ihre Vertretung oder Teamleitung); zählt in den Kennzahlen (R35). Die Sechsmonatsprüfung nennt die noch offenen.',
    },
  ],
  kennzahlen: [
    {
      usage: '/fm kennzahlen [team=fm-ue25] [von=01.2026] [bis=06.2026] [grafik=ja]',
      text:
        'Kennzahlen (R35) je FM-Team und Monat für Teamleitungen (ihre Teams) und die Geschäftsstellenleitung: Vormerkungen, Übernahmen, ' +
        'Ablehnungen, Auslastung je Fachkraft, Mindestkontakte (R16), Prüfungen, Verweildauer, Abgänge nach Grund, Nachhalten, Handlungsbedarfe. ' +
        'Ohne Angaben: der letzte volle Monat und der davor. `grafik=ja` schickt die Zahlen als Bilder. Zahlen unter 3 Kund:innen stehen ' +
        'außerhalb der eigenen Teamleitung als „< 3“.',
    },
    {
      usage: '/fm kennzahlen potenzial=42 monat=03.2026 [team=fm-ue25]',
      text: 'Das Potenzial des FM-Teams im Monat laut VerBIS erfassen (Teamleitung, Geschäftsstellenleitung); erneut erfasst ersetzt es den Wert.',
    },
  ],
} satisfies Record<string, readonly HelpEntry[]>;

/**
 * Descriptions in the Teams command menu (Teams shows at most 128 characters). Where a scope has room for
 * less, or means the team, a second wording follows the first (`…Team`, `…Short`).
 */
export const teamsMenuTexts = {
  hilfe: 'Alle Befehle mit Beispielen',
  vormerken: 'Kund:in für das Fallmanagement vormerken (Formular oder kunde=… gruppe=…)',
  vormerkungen: 'Offene Vormerkungen anzeigen',
  vormerkungenTeam: 'Offene Vormerkungen des FM-Teams',
  runde: 'Zuweisungsrunde des FM-Teams vorschlagen',
  uebernahme: 'Übernahme erfassen: uebernahme FM-2025-0001 datum=… warm=ja ziele=ja',
  ablehnen: 'Vormerkung mit Grund ablehnen',
  uebergang: 'U25-Fall in das Ü25-FM übergeben',
  team: 'Übersicht des FM-Teams: Fälle, Kapazität, Abwesenheiten',
  teamShort: 'Übersicht des FM-Teams',
  kontakt: 'Kontakt erfassen: kontakt FM-2025-0001 art=telefon',
  massnahme: 'Fall in einer Maßnahme: massnahme FM-2025-0001 ja',
  gutachten: 'Gutachten steht aus: gutachten FM-2025-0001 ja',
  pruefung: 'Sechsmonatsprüfung erfassen (R20)',
  standort: 'Standortgespräch nach zwei Jahren erfassen (R21)',
  verlaengern: 'Fall verlängern: verlaengern FM-2025-0001 monate=6 grund="…"',
  abgang: 'Fall beenden: abgang FM-2025-0001 grund=…',
  meine: 'Eigene Fälle mit dem, was als Nächstes fällig ist',
  fall: 'Ein Fall im Überblick: fall FM-2025-0001',
  abwesend: 'Abwesenheit eintragen: abwesend von=… bis=…',
  termin: 'Teamtermin erfassen: termin art=dienstbesprechung datum=…',
  terminShort: 'Teamtermin erfassen',
  besuch: 'Besuch der Kontakt-Fallmanager:in erfassen: besuch team=… datum=…',
  eskalieren: 'Uneinigkeit den Teamleitungen zur Entscheidung geben',
  verlauf: 'Alle Schritte eines Falls',
  eskalationZustimmen: 'Einer Eskalation ohne Knopf zustimmen: eskalation-zustimmen eskalation=3',
  eskalationZustimmenShort: 'Einer Eskalation ohne Knopf zustimmen',
  eskalationAblehnen: 'Eine Eskalation mit Begründung ablehnen: eskalation-ablehnen eskalation=3 kommentar="…"',
  eskalationen: 'Offene Eskalationen, die ich entscheiden kann, mit Nummer',
  kapazitaet: 'Über Kapazität entscheiden: kapazitaet 7 zuweisen fm=… | verschieben tage=… | zurueckgeben',
  bedarf: 'Erledigte Handlungsbedarfe erfassen: bedarf FM-2025-0001 erledigt=sucht',
  kennzahlen: 'Kennzahlen der FM-Teams (R35), auch als Grafik: kennzahlen grafik=ja',
};
