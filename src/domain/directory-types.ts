// Shapes of the directory as the pure routing rules see it. The database layer builds a
// DirectorySnapshot from its tables; the rules never do I/O. All dates are calendar dates in
// Europe/Stockholm ('YYYY-MM-DD'), all times local wall-clock times ('HH:MM', end exclusive,
// '24:00' allowed as an end).

export type IsoDate = string;
export type LocalTime = string;
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface TimeRange {
  start: LocalTime;
  end: LocalTime;
}

export interface CalendarException {
  date: IsoDate;
  /** Replaces the day's hours; an empty list means closed all day. */
  ranges: TimeRange[];
  note?: string;
}

export interface OpeningHours {
  weekly: Partial<Record<IsoWeekday, TimeRange[]>>;
  /** Closed on Swedish public holidays (date-holidays, SE, type "public"). */
  closedOnPublicHolidays: boolean;
  /** Closed on midsommarafton, julafton and nyårsafton. */
  closedOnEves: boolean;
  /** Hours on a weekday that is the day before a public holiday (e.g. 08:00–13:00); null = normal hours. */
  dayBeforeHoliday: TimeRange[] | null;
  exceptions: CalendarException[];
}

export interface ContactPoint {
  label: string;
  phone: string;
  email?: string | null;
}

export interface Municipality {
  code: string;
  name: string;
  inCounty: boolean;
  /** Functional registry address used when a misdirected item is forwarded (förvaltningslagen). */
  registryEmail?: string | null;
  registryPhone?: string | null;
}

/** Office-hours intake unit of a municipality (Stockholm's own intake included). */
export interface IntakeUnit {
  orgId: string;
  name: string;
  municipalityCode: string;
  hours: OpeningHours;
  /** Ordered: first is the main intake number, the rest are who to try next. */
  contacts: ContactPoint[];
}

export interface JourMembership {
  municipalityCode: string;
  from?: IsoDate | null;
  to?: IsoDate | null;
}

/** Socialjour i samverkan: answers for its members whenever the member's own intake is closed. */
export interface JourGroup {
  orgId: string;
  name: string;
  members: JourMembership[];
  /** null = active whenever the member's intake is closed; otherwise only within these hours. */
  hours: OpeningHours | null;
  contacts: ContactPoint[];
}

export interface Agreement {
  municipalityCode: string;
  decidedBy: string;
  dnr: string;
  decisionDate: IsoDate;
  validFrom: IsoDate;
  /** Inclusive last day; null = until further notice. */
  validTo: IsoDate | null;
  /** Date from which a terminated agreement no longer applies (inclusive); null = not terminated. */
  terminatedFrom: IsoDate | null;
}

export interface DirectorySnapshot {
  /** Stockholms stads socialjour: 24/7, the contact for Stockholm residents outside office hours. */
  hub: { orgId: string; name: string; municipalityCode: string; contacts: ContactPoint[] };
  municipalities: Municipality[];
  intakeUnits: IntakeUnit[];
  jourGroups: JourGroup[];
  agreements: Agreement[];
}
