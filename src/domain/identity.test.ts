import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Personnummer from 'personnummer';
import { ageOn, parseIdentityNumber } from './identity.ts';
import { addDays } from './stockholm-time.ts';

/** Test helper: the check digit for YYMMDDNNN (Luhn, weights 2,1,2,…). */
function check(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}
/** Builds a valid 12-digit number 'YYYYMMDD-NNNC' for the date (day + 60 for samordningsnummer). */
function make(date: string, serial = '123', coordination = false): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  const dd = String(Number(d) + (coordination ? 60 : 0)).padStart(2, '0');
  return `${y}${m}${dd}-${serial}${check(`${y.slice(2)}${m}${dd}${serial}`)}`;
}

const R = '2025-03-04';

test('valid personnummer, 12 and 10 digits, with and without separator', () => {
  const expected = { ok: true, kind: 'personnummer', birthDate: '1981-12-18', normalized: '19811218-9876' };
  assert.deepEqual(parseIdentityNumber('811218-9876', R), expected);
  assert.deepEqual(parseIdentityNumber('8112189876', R), expected);
  assert.deepEqual(parseIdentityNumber('19811218-9876', R), expected);
  assert.deepEqual(parseIdentityNumber('198112189876', R), expected);
  assert.deepEqual(parseIdentityNumber('  19811218-9876 ', R), expected);
  assert.ok(Personnummer.valid(make('2010-03-04')));
  assert.deepEqual(parseIdentityNumber(make('2010-03-04'), R), { ok: true, kind: 'personnummer', birthDate: '2010-03-04', normalized: make('2010-03-04') });
});

test('10 digits: the century follows the receipt date, "+" means 100 years or older', () => {
  // Same digits, different separator: a 12-year-old and a 112-year-old.
  const child = parseIdentityNumber('121212-1212', R);
  const old = parseIdentityNumber('121212+1212', R);
  assert.ok(child.ok && old.ok);
  assert.equal(child.birthDate, '2012-12-12');
  assert.equal(old.birthDate, '1912-12-12');
  assert.equal(old.normalized, '19121212-1212');
  assert.equal(ageOn(old.birthDate, R), 112);
  // The package decides the century from today's date; we use the receipt date, so a case
  // re-evaluated years later gives the same answer.
  const ten = make('1925-12-01').slice(2); // '251201-123C'
  const then = parseIdentityNumber(ten, '1999-06-01');
  assert.equal(then.ok && then.birthDate, '1925-12-01');
  // Born in the receipt year with '-' and later than the receipt day: future, not 1925.
  const future = parseIdentityNumber(make('2025-12-01').slice(2), R);
  assert.equal(future.ok, false);
  assert.equal(!future.ok && future.code, 'future_birth_date');
});

test('samordningsnummer: day + 60', () => {
  const n = make('2010-03-04', '234', true);
  assert.equal(n.slice(6, 8), '64');
  const r = parseIdentityNumber(n, R);
  assert.deepEqual(r, { ok: true, kind: 'samordningsnummer', birthDate: '2010-03-04', normalized: n });
  assert.equal(parseIdentityNumber(n.slice(2), R).ok, true);
});

test('bad checksum', () => {
  const r = parseIdentityNumber('811218-9875', R);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'invalid_checksum');
  assert.match(!r.ok ? r.message : '', /Kontrollsiffran/);
});

test('invalid dates', () => {
  for (const n of ['20230230-1234', '19811318-9876', '19810000-1234', '20230229-1234', '20230292-1234' /* coordination 32 */]) {
    const r = parseIdentityNumber(n, R);
    assert.equal(!r.ok && r.code, 'invalid_date', n);
  }
  // 2024-02-29 exists.
  assert.equal(parseIdentityNumber(make('2024-02-29'), R).ok, true);
  // Implausibly old.
  assert.equal(parseIdentityNumber(make('1850-01-01'), R).ok, false);
});

test('future birth date is rejected relative to the receipt date', () => {
  const n = make('2025-03-05');
  const r = parseIdentityNumber(n, R);
  assert.equal(!r.ok && r.code, 'future_birth_date');
  assert.match(!r.ok ? r.message : '', /efter mottagningsdagen/);
  assert.equal(parseIdentityNumber(n, '2025-03-05').ok, true); // born on the receipt day
  const s = parseIdentityNumber(make('2030-01-01', '123', true), R);
  assert.equal(!s.ok && s.code, 'future_birth_date');
});

test('invalid formats', () => {
  for (const n of ['', 'abc', '81121-89876', '811218--9876', '19811218-98765', '811218 9876', '20100304-000' + '1', '811218-T876', '19811218+']) {
    const r = parseIdentityNumber(n, R);
    assert.equal(!r.ok && r.code, 'invalid_format', n);
  }
  const zero = parseIdentityNumber(`20100304-000${check('100304000')}`, R);
  assert.equal(!zero.ok && zero.code, 'invalid_format');
  assert.throws(() => parseIdentityNumber('811218-9876', 'not a date'), RangeError);
});

test('all error messages are Swedish', () => {
  for (const n of ['x', '811218-9875', '20230230-1234', make('2030-01-01')]) {
    const r = parseIdentityNumber(n, R);
    assert.ok(!r.ok && /[åäö]|Ogiltig|Kontroll/i.test(r.message), n);
  }
});

test('ageOn: 17 the day before the 18th birthday, 18 on the day', () => {
  assert.equal(ageOn('2008-03-04', '2026-03-03'), 17);
  assert.equal(ageOn('2008-03-04', '2026-03-04'), 18);
  assert.equal(ageOn('2008-03-04', '2008-03-04'), 0);
  assert.equal(ageOn('2008-03-04', '2008-03-03'), -1);
  assert.equal(ageOn('2008-12-31', '2026-12-30'), 17);
  assert.equal(ageOn('2008-12-31', '2026-12-31'), 18);
});

test('ageOn: 29 February birthdays count on 1 March in non-leap years', () => {
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
  assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
  assert.equal(ageOn('2008-02-29', '2024-02-28'), 15);
  assert.equal(ageOn('2008-02-29', '2024-02-29'), 16);
  assert.equal(ageOn('2008-02-29', '2100-02-28'), 91); // 2100 is not a leap year
  assert.equal(ageOn('2008-02-29', '2100-03-01'), 92);
});

const dateArb = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

test('property: ageOn is monotone and rises by at most one per day', () => {
  fc.assert(
    fc.property(dateArb('1900-01-01', '2030-12-31'), dateArb('1900-01-01', '2100-12-31'), fc.integer({ min: 0, max: 4000 }), (birth, on, step) => {
      const a = ageOn(birth, on);
      const later = addDays(on, step);
      assert.ok(ageOn(birth, later) >= a);
      const next = ageOn(birth, addDays(on, 1));
      assert.ok(next === a || next === a + 1);
    }),
    { numRuns: 2000 },
  );
});

test('property: ageOn(b, b + n years) = n on the anniversary (not 29 Feb)', () => {
  fc.assert(
    fc.property(dateArb('1920-01-01', '2025-12-31'), fc.integer({ min: 0, max: 100 }), (birth, n) => {
      fc.pre(!birth.endsWith('-02-29'));
      const anniversary = `${Number(birth.slice(0, 4)) + n}${birth.slice(4)}`;
      assert.equal(ageOn(birth, anniversary), n);
      assert.equal(ageOn(birth, addDays(anniversary, -1)), n - 1);
    }),
  );
});

test('property: generated numbers parse; a wrong check digit is always caught', () => {
  fc.assert(
    fc.property(dateArb('1930-01-01', '2025-03-04'), fc.integer({ min: 1, max: 999 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), (date, s, coord, delta) => {
      const n = make(date, String(s).padStart(3, '0'), coord);
      const r = parseIdentityNumber(n, R);
      assert.deepEqual(r, { ok: true, kind: coord ? 'samordningsnummer' : 'personnummer', birthDate: date, normalized: n });
      assert.ok(Personnummer.valid(n));
      const wrong = `${n.slice(0, -1)}${(Number(n.slice(-1)) + delta) % 10}`;
      const w = parseIdentityNumber(wrong, R);
      assert.equal(!w.ok && w.code, 'invalid_checksum');
    }),
    { numRuns: 1000 },
  );
});

test('property: agrees with the personnummer package on random 12-digit strings', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^(19|20)\d{6}-\d{4}$/), (n) => {
      const ours = parseIdentityNumber(n, '2099-12-31');
      const plausible = Number(n.slice(0, 4)) >= 2099 - 130;
      assert.equal(ours.ok, Personnummer.valid(n) && plausible, n);
    }),
    { numRuns: 3000 },
  );
});

test('each error tells the officer what is wrong, in Swedish', () => {
  const message = (n: string, receipt = R) => {
    const r = parseIdentityNumber(n, receipt);
    return r.ok ? null : [r.code, r.message];
  };
  assert.deepEqual(message('x'), ['invalid_format', 'Ogiltigt format. Ange personnummer eller samordningsnummer som ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN).']);
  assert.deepEqual(message(`20100304-000${check('100304000')}`), ['invalid_format', 'Ogiltigt format: födelsenumret (de tre siffrorna efter datumet) kan inte vara 000.']);
  assert.deepEqual(message('20230230-1234'), ['invalid_date', 'Ogiltigt datum i numret: 2023-02-30 finns inte.']);
  assert.deepEqual(message('20230292-1234'), ['invalid_date', 'Ogiltigt datum i numret: 2023-02-32 finns inte.']);
  assert.deepEqual(message(make('1850-01-01')), ['invalid_date', 'Orimligt födelseår (1850). Kontrollera numret.']);
  assert.deepEqual(message('811218-9875'), ['invalid_checksum', 'Kontrollsiffran stämmer inte. Kontrollera att numret är rätt inskrivet.']);
  assert.deepEqual(message(make('2025-03-05')), ['future_birth_date', 'Födelsedatumet 2025-03-05 ligger efter mottagningsdagen 2025-03-04.']);
  assert.throws(() => parseIdentityNumber('811218-9876', '2025-02-30'), { name: 'RangeError', message: 'Ogiltigt mottagningsdatum: 2025-02-30' });
});

test('a wrong date is reported as such even when the check digit is also wrong', () => {
  const r = parseIdentityNumber('20230230-1230', R);
  assert.equal(!r.ok && r.code, 'invalid_date');
  const s = parseIdentityNumber('20230230-1239', R);
  assert.equal(!s.ok && s.code, 'invalid_date');
});

test('plausible birth years reach back 130 years from the receipt year', () => {
  assert.equal(parseIdentityNumber(make('1895-01-01'), R).ok, true);
  const tooOld = parseIdentityNumber(make('1894-12-31'), R);
  assert.equal(!tooOld.ok && tooOld.code, 'invalid_date');
});

test('the whole number must match: no letters, no extra digits before or after', () => {
  for (const n of ['x19811218-9876', '19811218-9876x', '1198112189876', '19811218-98766', '811218+-9876', '8112189-876']) {
    const r = parseIdentityNumber(n, R);
    assert.equal(!r.ok && r.code, 'invalid_format', n);
  }
});

test('the number is normalised to 12 digits with a hyphen, whatever form it was given in', () => {
  const n = make('2001-03-04', '567');
  assert.deepEqual(parseIdentityNumber(n.slice(2).replace('-', ''), R), { ok: true, kind: 'personnummer', birthDate: '2001-03-04', normalized: n });
  assert.deepEqual(parseIdentityNumber(n.replace('-', ''), R), { ok: true, kind: 'personnummer', birthDate: '2001-03-04', normalized: n });
  // '+' keeps a 10-digit number 100 years earlier, also in the normalised form.
  const old = make('1920-06-15', '321');
  assert.deepEqual(parseIdentityNumber(old.slice(2).replace('-', '+'), R), { ok: true, kind: 'personnummer', birthDate: '1920-06-15', normalized: old });
  // Without '+', a number whose date has not yet come this year belongs to the previous century.
  assert.deepEqual(parseIdentityNumber(old.slice(2), '2019-01-01'), { ok: true, kind: 'personnummer', birthDate: '1920-06-15', normalized: old });
  assert.deepEqual(parseIdentityNumber(make('2019-01-01').slice(2), '2019-01-01'), { ok: true, kind: 'personnummer', birthDate: '2019-01-01', normalized: make('2019-01-01') });
});

test('a samordningsnummer on day 61 and day 91 is the 1st and the 31st', () => {
  for (const [date, dd] of [
    ['2010-03-01', '61'],
    ['2010-03-31', '91'],
  ] as const) {
    const n = make(date, '234', true);
    assert.equal(n.slice(6, 8), dd);
    assert.deepEqual(parseIdentityNumber(n, R), { ok: true, kind: 'samordningsnummer', birthDate: date, normalized: n });
  }
  // Day 60 is not a samordningsnummer and not a date either.
  assert.equal(parseIdentityNumber('20100360-1234', R).ok, false);
});

test('an interim number (a letter instead of the first serial digit) is not accepted', () => {
  const r = parseIdentityNumber('19811218-T876', R);
  assert.equal(r.ok, false);
});

test('ageOn refuses invalid dates and counts leap years by the Gregorian rule', () => {
  assert.throws(() => ageOn('2008-02-30', '2025-01-01'), { name: 'RangeError', message: 'Ogiltigt datum: 2008-02-30 / 2025-01-01' });
  assert.throws(() => ageOn('2008-02-01', 'x'), RangeError);
  // 2000 is a leap year (divisible by 400), 2100 is not (divisible by 100), 2028 is (by 4).
  assert.equal(ageOn('1996-02-29', '2000-02-29'), 4);
  assert.equal(ageOn('1996-02-29', '2000-02-28'), 3);
  assert.equal(ageOn('2008-02-29', '2028-02-29'), 20);
  assert.equal(ageOn('2008-02-29', '2027-02-28'), 18);
  assert.equal(ageOn('2008-02-29', '2027-03-01'), 19);
  // A birthday later in the year, in an earlier month, on the day before.
  assert.equal(ageOn('2008-06-15', '2026-06-14'), 17);
  assert.equal(ageOn('2008-06-15', '2026-05-20'), 17);
  assert.equal(ageOn('2008-06-15', '2026-07-01'), 18);
  assert.equal(ageOn('2008-06-15', '2026-06-16'), 18);
});

test('the invalid-date message quotes the date as the number states it', () => {
  const r = parseIdentityNumber('20100360-1234', R);
  assert.deepEqual(r.ok ? null : [r.code, r.message], ['invalid_date', 'Ogiltigt datum i numret: 2010-03-60 finns inte.']);
  const early = parseIdentityNumber('08500230-1234', R);
  assert.deepEqual(early.ok ? null : [early.code, early.message], ['invalid_date', 'Ogiltigt datum i numret: 0850-02-30 finns inte.']);
});

test('a number dated before year 1000 is an implausible year, not a date that does not exist', () => {
  const r = parseIdentityNumber('08500101-1234', R);
  assert.deepEqual(r.ok ? null : [r.code, r.message], ['invalid_date', 'Orimligt födelseår (850). Kontrollera numret.']);
});
