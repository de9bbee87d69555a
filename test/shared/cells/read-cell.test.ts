// One cell at a time: check marks, numbers with units, percentages, emails, dates and tolerant dropdowns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RULES, TABLES, isBlankCell, readCell, type CellInput, type InputColumn, type TableName } from '../../../shared';
import { validateRow } from '../../../shared/validate-row';

const opts = { lists: DEFAULT_RULES.lists };
const column = (table: TableName, field: string): InputColumn => TABLES[table].columns.find((c) => c.name === field)!;
const read = (table: TableName, field: string, raw: CellInput) => readCell(column(table, field), raw, opts);
const codes = (r: ReturnType<typeof read>) => r.issues.map((i) => `${i.severity}:${i.code}`);

describe('check marks', () => {
  it.each([['☑', true], ['✓', true], ['TRUE', true], [true, true], ['x', true], ['X', true], ['yes', true], ['Yes', true], ['☐', false], ['FALSE', false], [false, false], ['no', false], ['0', false], ['✗', false], ['✘', false], ['❌', false]] as const)(
    '%j is %s', (raw, value) => {
      expect(read('workplan', 'partnership', raw)).toEqual({ value, issues: [] });
    },
  );

  it.each([['Yes!', true], ['No.', false]] as const)('%j, a mark with its punctuation, is %s', (raw, value) => {
    expect(read('milestones', 'partnership', raw)).toEqual({ value, issues: [] });
  });

  it.each([['Yes - co-host with Parks', true], ['☑ Listening sessions', true], ['yes (tentative)', true], ['No, not this year', false]] as const)(
    'reads %j, a mark and what it is about, as %s, the words for the row\'s notes',
    (raw, value) => {
      const r = read('milestones', 'partnership', raw);
      expect(r.value).toBe(value);
      expect(r.note).toBe(raw.replace(/^\S+?[\s:;,.!–—-]+/, ''));
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `City partnership: read "${raw}" as ${value ? 'yes' : 'no'}`]]);
    },
  );

  it.each(['N.A.A.C.P. co-host', 'Y.M.C.A. partner', '0.5'])('reads no mark into %j, a name or number opening with a letter or digit and a dot: the box is left blank', (raw) => {
    expect(codes(read('milestones', 'partnership', raw))).toEqual(['warning:blank_kept']);
  });

  it.each(['Co-host listening sessions with Parks', 'maybe', 2, '-', '---', 'TBD', 'n/a'])('keeps the row of a check box holding only words, a number or no answer yet (%j), left blank with a warning quoting it and naming the marks', (raw) => {
    const r = read('milestones', 'partnership', raw);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(['warning:blank_kept']);
    expect(r.issues[0].message).toBe(`City partnership: ${typeof raw === 'string' ? `"${raw}"` : raw} is not yes or no; left blank (Yes, No, x, ☑ or ☐ answer it)`);
    // Words that name the partnership go to the row's notes; no answer yet and a number are no words to keep.
    expect(r.note).toBe(raw === 'Co-host listening sessions with Parks' || raw === 'maybe' ? raw : undefined);
  });
});

describe('numbers', () => {
  it('drops a unit with a warning where the column has no unit: "60 hours" of estimated hours', () => {
    const r = read('requests', 'estimatedHours', '60 hours');
    expect(r.value).toBe(60);
    expect(codes(r)).toEqual(['warning:unit_dropped']);
  });

  it.each([['two workshops', 2, 'workshops'], ['Five plans', 5, 'plans'], ['twenty hours', 20, 'hours']] as const)(
    'reads a target written in words with its unit, %j, as %s %s, saying so', (raw, value, unit) => {
      const r = read('workplan', 'target', raw);
      expect([r.value, r.unit]).toEqual([value, unit]);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Target: read "${raw}" as ${value} ${unit}`]]);
    },
  );

  it.each([['90 min', 1.5], ['45 minutes', 0.75], ['1h30', 1.5], ['1 hr 30 min', 1.5], ['2 hours 15 minutes', 2.25]] as const)(
    'reads time given in minutes in an hours column, %j, as %s hours, saying so', (raw, hours) => {
      const r = read('requests', 'hoursSpent', raw);
      expect(r.value).toBe(hours);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Hours spent: read "${raw}" as ${hours} hours`]]);
    },
  );

  it.each(['2 days', '1 week', '3 wks'])('keeps a row whose hours are given in days or weeks, %j, the cell blank: a working day is no fixed number of hours', (raw) => {
    const r = read('requests', 'estimatedHours', raw);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'blank_kept', `Estimated hours: "${raw}" is not in hours (a working day is no fixed number of hours); left blank`]]);
  });

  it.each([['20 hours', 20, 'hours'], ['50% of departments', 50, '% of departments'], ['100%', 100, '%'], ['5 plans', 5, 'plans'], ['25+ hours', 25, 'hours']])(
    'keeps the unit of a target: %j', (raw, value, unit) => {
      const r = read('workplan', 'target', raw);
      expect([r.value, r.unit]).toEqual([value, unit]);
      expect(codes(r).filter((c) => c !== 'warning:at_least')).toEqual([]);
    },
  );

  it('reads a count such as "25+" as 25, with a warning that says so', () => {
    const r = read('workplan', 'actual', '25+');
    expect(r.value).toBe(25);
    expect(codes(r)).toEqual(['warning:at_least']);
    expect(r.issues[0].message).toBe('Actual: read "25+" as 25 (at least 25)');
  });

  it('reads progress as people write it: "12 of 30 depts" as 12, "two" as 2, each said; words that are no number stay an error', () => {
    expect(read('workplan', 'actual', '12 of 30 depts')).toEqual({ value: 12, issues: [expect.objectContaining({ code: 'unit_dropped', severity: 'warning', message: 'Actual: read "12 of 30 depts" as 12 (of 30)' })] });
    expect(read('workplan', 'actual', 'two')).toEqual({ value: 2, issues: [expect.objectContaining({ code: 'number_in_words', severity: 'warning', message: 'Actual: read "two" as 2' })] });
    expect(codes(read('workplan', 'actual', 'some'))).toEqual(['error:not_a_number']);
  });

  it('reads currency and thousands separators: "$54,000"', () => {
    expect(read('workplan', 'target', '$54,000')).toEqual({ value: 54000, unit: '$', issues: [] });
    expect(read('requests', 'estimatedHours', '$54,000')).toEqual({ value: 54000, issues: [] });
    expect(read('requests', 'estimatedHours', ' 12.5 ')).toEqual({ value: 12.5, issues: [] });
    expect(read('requests', 'estimatedHours', 7)).toEqual({ value: 7, issues: [] });
  });

  it.each(['lots', 'a dozen or so', '1.2.3', '5 - 6 - 7'])('rejects %j', (raw) => {
    const r = read('requests', 'hoursSpent', raw);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(['error:not_a_number']);
  });

  it.each([
    ['estimatedHours', 'Estimated hours', '10-12', 12, 'its upper bound, 12'],
    ['estimatedHours', 'Estimated hours', '10–12 hours', 12, 'its upper bound, 12'],
    ['estimatedHours', 'Estimated hours', '1-3', 3, 'its upper bound, 3'],
    ['hoursSpent', 'Hours spent', '5 to 8', 6.5, 'its midpoint, 6.5'],
    ['hoursSpent', 'Hours spent', '5 - 6', 5.5, 'its midpoint, 5.5'],
  ] as const)('keeps the row of a range of hours, %s %j, read as %s and said: a plan takes the larger figure, a record the middle', (field, header, raw, value, which) => {
    const r = read('requests', field, raw);
    expect(r.value).toBe(value);
    const kind = field === 'estimatedHours' ? 'a figure set ahead is planned for the larger' : 'a figure recorded is taken as the middle of the two';
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'number_range', `${header}: ${JSON.stringify(raw)} is a range; read as ${which} (${kind})`]]);
  });

  it('reads a range of a target with its unit as the upper bound, and of an actual as the midpoint, the unit kept', () => {
    expect(read('workplan', 'target', '10-12 departments')).toMatchObject({ value: 12, unit: 'departments' });
    expect(read('workplan', 'actual', '4 to 6 trainings')).toMatchObject({ value: 5, unit: 'trainings' });
  });

  it.each([['3-15', 15, 'March 15'], ['5-20', 20, 'May 20']] as const)('reads %j, a range as a person writes one, low to high, as a range (%s), though it could be a day: the warning names the day', (raw, value, day) => {
    const r = read('requests', 'estimatedHours', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['warning', 'number_range', `Estimated hours: "${raw}" is a range; read as its upper bound, ${value} (a figure set ahead is planned for the larger; if it is a day, ${day}, it belongs in a date column)`],
    ]);
  });

  it.each([['03-15', 'March 15', 'a range of figures'], ['12-10', 'December 10', 'a range written high to low']])('keeps the row of %j, more likely a day (%s) than %s, the cell blank: not read as a range nor a subtraction', (raw, day, range) => {
    const r = read('requests', 'hoursSpent', raw);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'blank_kept', `Hours spent: "${raw}" may be a day (${day}) or ${range}; left blank`]]);
  });

  it.each([
    ['hoursSpent', '12 to 10', 11, 'its midpoint, 11 (a figure recorded is taken as the middle of the two)'],
    ['hoursSpent', '20-15', 17.5, 'its midpoint, 17.5 (a figure recorded is taken as the middle of the two)'],
    ['estimatedHours', '12 - 10 hours', 12, 'its upper bound, 12 (a figure set ahead is planned for the larger)'],
  ] as const)('keeps the row of a range written high to low that is no day, %s %j, read from the lower figure to the higher, said so', (field, raw, value, which) => {
    const r = read('requests', field, raw);
    expect(r.value).toBe(value);
    const header = field === 'hoursSpent' ? 'Hours spent' : 'Estimated hours';
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'number_range', `${header}: "${raw}" is a range written high to low; read as ${which}`]]);
  });

  it('reads "-5" as minus five, as before: a negative Actual is kept, negative hours refused', () => {
    expect(read('workplan', 'actual', '-5')).toEqual({ value: -5, issues: [] });
    expect(codes(read('requests', 'hoursSpent', '-5'))).toEqual(['error:out_of_range']);
  });

  it.each([['20 hrs/month', 'a month'], ['2 hours per week', 'a week'], ['3 h a day', 'a day']])(
    'keeps the row of a rate in an hours column, %j, the cell blank and the words in Notes: a rate is no total', (raw, per) => {
      const r = read('requests', 'estimatedHours', raw);
      expect(r.value).toBeNull();
      expect(r.note).toBe(raw);
      expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'blank_kept', `Estimated hours: "${raw}" is a rate of hours ${per}, not a total; left blank`]]);
    },
  );

  it.each([
    ['1e308', 1e308, '1e+308'],
    ['minus two trillion', -2e12, '-2000000000000'],
    ['400 nines', '9'.repeat(400), `"${'9'.repeat(60)}"… (400 characters)`],
    ['a trillion and one hours', '1,000,000,000,001 hours', '"1,000,000,000,001 hours"'],
  ])('refuses a figure past a trillion (%s), naming the column: the totals of such figures are no number and broke the master workbook', (_, raw, shown) => {
    const r = read('requests', 'estimatedHours', raw);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['error', 'out_of_range', `Estimated hours: ${shown} is too large a figure (at most 1,000,000,000,000)`]]);
  });

  it.each([['hoursSpent', 'Hours spent', -5, '-5'], ['estimatedHours', 'Estimated hours', '-2 hrs', '"-2 hrs"']])('refuses negative hours (%s %j), naming the column: they subtracted from the hours delivered and each person\'s open load', (field, header, raw, shown) => {
    const r = read('requests', field, raw);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['error', 'out_of_range', `${header}: ${shown} is below zero`]]);
  });

  it('keeps zero hours, and a negative figure where one can be, an Actual', () => {
    expect(read('requests', 'hoursSpent', 0)).toEqual({ value: 0, issues: [] });
    expect(read('workplan', 'actual', -3)).toEqual({ value: -3, issues: [] });
  });

  it('keeps a figure of a trillion, the largest kept, in a target', () => {
    expect(read('workplan', 'target', 1e12)).toEqual({ value: 1e12, issues: [] });
  });

  it.each(['TBD', 'tbd', 'To be determined'])('keeps the row of a figure not known yet (%j): left blank with a warning, as a date or a dropdown is', (raw) => {
    const r = read('requests', 'estimatedHours', raw);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'blank_kept', `Estimated hours: "${raw}" is not a figure yet; left blank`]]);
  });

  it.each([['~3', 3], ['≈ 12.5', 12.5], ['approx. 4 hours', 4], ['about 6', 6]])('reads an approximate figure, %j, as %s, with a warning that says so', (raw, value) => {
    const r = read('requests', 'hoursSpent', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Hours spent: read "${raw}" as ${value} (about ${value})`]]);
  });

  it.each([['12 (est.)', 12], ['6 hours (estimated)', 6], ['40 (approx.)', 40]])('reads a figure with its estimate noted after it, %j, as %s, as one with "about" before it', (raw, value) => {
    const r = read('requests', 'estimatedHours', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Estimated hours: read "${raw}" as ${value} (about ${value})`]]);
  });

  it.each([
    ['≥ 80%', 80, '%', 'at least 80'], ['>= 90% of staff', 90, '% of staff', 'at least 90'], ['At least 5 trainings', 5, 'trainings', 'at least 5'],
    ['min. 10 hours', 10, 'hours', 'at least 10'], ['> 50', 50, null, 'more than 50'], ['Up to 20 hours', 20, 'hours', 'at most 20'],
    ['≤ 10 days', 10, 'days', 'at most 10'], ['< 5 days', 5, 'days', 'under 5'],
  ] as const)('reads a target set as a bound, %j, as its figure, saying which bound', (raw, value, unit, bound) => {
    const r = read('workplan', 'target', raw);
    expect([r.value, r.unit ?? null]).toEqual([value, unit]);
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', bound.startsWith('at least') || bound.startsWith('more') ? 'at_least' : 'at_most', `Target: read "${raw}" as ${value} (${bound})`]]);
  });

  it.each(['about 3-4 hours', 'approx.', '~ 2 or 3'])('says an approximate figure it cannot read, %j, is not a number as typed, not by its words after "about"', (raw) => {
    expect(read('requests', 'hoursSpent', raw).issues.map((i) => [i.severity, i.message])).toEqual([['error', `Hours spent: "${raw}" is not a number`]]);
  });

  it.each([['5 - very satisfied', 5], ['5 (very satisfied)', 5], ['1 – very dissatisfied', 1], ['3: neutral', 3], ['4 = Satisfied', 4]])(
    'reads a satisfaction score written with its label, %j, as the score, with a warning', (raw, score) => {
      const r = read('requests', 'satisfaction', raw);
      expect(r.value).toBe(score);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Satisfaction (1-5): read "${raw}" as ${score}`]]);
    },
  );

  it.each([['Very satisfied', 5], ['satisfied', 4], ['Neutral', 3], ['Dissatisfied', 2], ['Very dissatisfied', 1], ['Very Satisfied!', 5]] as const)(
    'reads a satisfaction given in words alone, %j, as %s on the survey\'s five-point scale, saying so', (raw, score) => {
      const r = read('requests', 'satisfaction', raw);
      expect(r.value).toBe(score);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Satisfaction (1-5): read "${raw}" as ${score} (from 1, very dissatisfied, through neutral, 3, to 5, very satisfied)`]]);
    },
  );

  it.each([['★★★★☆', 4], ['★★★★★', 5], ['⭐⭐⭐', 3], ['★☆☆☆☆', 1]] as const)('reads a satisfaction shown as stars, %j, as the filled ones, with a warning', (raw, score) => {
    const r = read('requests', 'satisfaction', raw);
    expect([r.value, r.issues.map((i) => [i.severity, i.message])]).toEqual([score, [['warning', `Satisfaction (1-5): read "${raw}" as ${score}`]]]);
  });

  it.each(['☆☆☆☆☆', '★★★★★★'])('refuses stars that place no score on the scale, %j', (raw) => {
    expect(read('requests', 'satisfaction', raw).value).toBeNull();
  });

  it.each(['Somewhat', 'Happy'])('refuses words that place no score on the scale, %j', (raw) => {
    expect(codes(read('requests', 'satisfaction', raw))).toEqual(['error:not_a_number']);
  });

  it.each(['7 - very satisfied', '5 - 6'])('still refuses a score beyond the scale, or a range, %j', (raw) => {
    expect(read('requests', 'satisfaction', raw).value).toBeNull();
  });

  it('keeps satisfaction a whole number from 1 to 5', () => {
    expect(read('requests', 'satisfaction', 4).value).toBe(4);
    expect(codes(read('requests', 'satisfaction', 6))).toEqual(['error:out_of_range']);
    expect(codes(read('requests', 'satisfaction', 3.5))).toEqual(['error:out_of_range']);
    expect(read('requests', 'satisfaction', 1e308).issues.map((i) => i.message)).toEqual(['Satisfaction (1-5): 1e+308 is not a whole number from 1 to 5']);
  });

  it.each([['5/5', 5], ['4 out of 5', 4], ['3 of 5', 3]])('reads a satisfaction score written with its scale, %j, as the score, with a warning', (raw, score) => {
    const r = read('requests', 'satisfaction', raw);
    expect(r.value).toBe(score);
    expect(r.issues.map((i) => i.message)).toEqual([`Satisfaction (1-5): read "${raw}" as ${score}`]);
  });

  it.each([
    ['2026-04-05', 4, 'April 5'],
    ['2026-05-05', 5, 'May 5'],
    ['2026-05-03', 3, 'May 3'],
  ])('reads a score the spreadsheet turned into a date as it was typed (%s, from 4/5 or 3/5), with a warning', (iso, score, shown) => {
    const r = read('requests', 'satisfaction', new Date(`${iso}T00:00:00Z`));
    expect(r.value).toBe(score);
    expect(r.issues.map((i) => i.message)).toEqual([`Satisfaction (1-5): read the date ${shown} as ${score} (a score typed as "${score}/5" that the spreadsheet turned into a date)`]);
  });

  it('refuses a date in a score column that no score over 5 could have become', () => {
    expect(codes(read('requests', 'satisfaction', new Date('2026-04-17T00:00:00Z')))).toEqual(['error:not_a_number']);
  });

  it('still refuses a score beyond the scale written with it', () => {
    expect(codes(read('requests', 'satisfaction', '6/5'))).toEqual(['error:out_of_range']);
  });
});

describe('percentages', () => {
  it('reads "50%" and 0.5 as one half', () => {
    expect(read('workplan', 'percentComplete', '50%')).toEqual({ value: 0.5, issues: [] });
    expect(read('workplan', 'percentComplete', 0.5)).toEqual({ value: 0.5, issues: [] });
    expect(read('workplan', 'percentComplete', 1)).toEqual({ value: 1, issues: [] });
    expect(read('workplan', 'percentComplete', 0)).toEqual({ value: 0, issues: [] });
  });

  it('reads 50 as 50 % with a warning', () => {
    const r = read('workplan', 'percentComplete', 50);
    expect(r.value).toBe(0.5);
    expect(codes(r)).toEqual(['warning:percent_scaled']);
  });

  it('reads a count of a whole ("3 of 4 sessions") as its share, said at the cell, never as 3%', () => {
    expect(read('workplan', 'percentComplete', '3 of 4 sessions')).toEqual({
      value: 0.75, issues: [expect.objectContaining({ code: 'percent_scaled', severity: 'warning', message: '% complete: read "3 of 4 sessions" as 75% (3 of 4)' })],
    });
    expect(read('workplan', 'percentComplete', '12 out of 30').value).toBe(0.4);
    expect(codes(read('workplan', 'percentComplete', '5 of 4'))).toEqual(['error:out_of_range']);
    expect(codes(read('workplan', 'percentComplete', '0 of 0'))).toEqual(['error:not_a_number']);
  });

  it('says the words it read a percentage from ("two" in % complete), not only the number it scaled', () => {
    const r = read('workplan', 'percentComplete', 'two');
    expect(r.value).toBe(0.02);
    expect(r.issues.map((i) => i.message)).toEqual(['% complete: read "two" as 2', '% complete: read 2 as 2%']);
  });

  it.each([['TBD', ['warning:blank_kept']], ['N/A', []], ['—', []], ['-', []]] as const)(
    'keeps the row of a %% complete not recorded (%j) with the cell blank, as a Target or Actual reads it', (raw, issues) => {
      const [percent, target] = [read('workplan', 'percentComplete', raw), read('workplan', 'target', raw)];
      expect(percent.value).toBeNull();
      expect(codes(percent)).toEqual(issues);
      expect(percent.issues.map((i) => i.message)).toEqual(target.issues.map((i) => i.message.replace('Target', '% complete')));
    },
  );

  it.each([['half', 0.5], ['Half', 0.5], ['a quarter', 0.25], ['one quarter', 0.25], ['three quarters', 0.75], ['three-quarters', 0.75], ['all', 1], ['None', 0], ['Done', 1], ['complete', 1], ['Completed', 1], ['not started', 0]] as const)(
    'reads a share in words, %j, as %s, saying so (the sheet\'s own status formula reads the same words)', (raw, value) => {
      const r = read('workplan', 'percentComplete', raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'number_in_words', `% complete: read "${raw}" as ${value * 100}%`]]);
    },
  );

  it.each([['✓', 1], ['Y', 1], ['x', 1], ['☐', 0], ['N', 0]] as const)(
    'keeps a work-plan item whose percent complete is a check mark, %j, as %s, as the sheet\'s own status reads it; an unticked one says to type 0% for the sheet\'s Dashboard', (raw, value) => {
      const r = read('workplan', 'percentComplete', raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
        ['warning', 'percent_checkbox', `% complete: read "${raw}" as ${value ? 'ticked, 100%' : "not ticked, 0%; type 0% for the sheet's Dashboard to count it as recorded"}`],
      ]);
    },
  );

  it.each([
    ['1/2', 0.5, 'percent_scaled', '% complete: read "1/2" as 50% (1 of 2)'],
    ['3 / 4', 0.75, 'percent_scaled', '% complete: read "3 / 4" as 75% (3 of 4)'],
    ['50-60%', 0.55, 'number_range', '% complete: "50-60%" is a range; read as its midpoint, 55% (a figure recorded is taken as the middle of the two)'],
    ['50% - 60%', 0.55, 'number_range', '% complete: "50% - 60%" is a range; read as its midpoint, 55% (a figure recorded is taken as the middle of the two)'],
    ['75% (est.)', 0.75, 'unit_dropped', '% complete: read "75% (est.)" as 75% (about 75%)'],
    ['~50%', 0.5, 'unit_dropped', '% complete: read "~50%" as 50% (about 50%)'],
    // A letter beside the figure is said, not dropped unsaid: "5O%" may be 50% typed with the letter O.
    ['5O%', 0.05, 'unit_dropped', '% complete: read "5O%" as 5%'],
    ['40 pct', 0.4, 'unit_dropped', '% complete: read "40 pct" as 40%'],
    ['3/4 done', 0.75, 'percent_scaled', '% complete: read "3/4 done" as 75% (3 of 4)'],
  ] as const)('reads a percent complete written %j as %s, saying how', (raw, value, code, message) => {
    const r = read('workplan', 'percentComplete', raw);
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', code, message]]);
  });

  it.each([['Complete (100%)', 1, '100%'], ['100% - done', 1, 'done'], ['60% (per March update)', 0.6, 'per March update']] as const)(
    'reads a percent complete with a note after it, %j, as %s, the note in Notes', (raw, value, note) => {
      const r = validateRow(TABLES.workplan, { task: 'Workshops', percentComplete: raw });
      expect(r.ok).toBe(true);
      expect(r.values).toMatchObject({ percentComplete: value, notes: `% complete: ${note}` });
      expect(r.warnings.map((w) => w.message)).toEqual([`% complete: read "${raw}" as ${value * 100}%; kept "${note}" in Notes`]);
    },
  );

  it('keeps a work-plan item whose % complete is words that name no share ("almost done"), the % blank and the words in Notes', () => {
    const r = validateRow(TABLES.workplan, { task: 'Workshops', percentComplete: 'almost done' });
    expect(r.ok).toBe(true);
    expect(r.values).toMatchObject({ percentComplete: null, notes: '% complete: almost done' });
    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([['blank_kept', '% complete: "almost done" is not a percentage; left blank; kept "almost done" in Notes']]);
    // Digits that make no % stay an error.
    expect(validateRow(TABLES.workplan, { task: 'Workshops', percentComplete: 'see row 12' }).ok).toBe(false);
  });

  it.each(['150%', 150, -0.2, '-5%'])('rejects %j as outside 0-100%%', (raw) => {
    const r = read('workplan', 'percentComplete', raw);
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(['error:out_of_range']);
  });
});

describe('emails', () => {
  it.each([['Maria Lopez <maria.lopez@dof.ca.gov>', 'maria.lopez@dof.ca.gov'], ['"Lopez, Maria" <maria.lopez@dof.ca.gov>', 'maria.lopez@dof.ca.gov'], ['mailto:maria.lopez@dof.ca.gov', 'maria.lopez@dof.ca.gov']])(
    'reads the address of %j, an address pasted from a mail program, saying so', (raw, address) => {
      const r = read('requests', 'contactEmail', raw);
      expect(r.value).toBe(address);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Contact email: read the address ${address} from ${JSON.stringify(raw)}`]]);
    },
  );

  it('reads the first of several addresses, the others for the row\'s Notes, saying so', () => {
    const r = read('requests', 'contactEmail', 'cruiz@davis.gov; Ana Park <apark@davis.gov>');
    // The row's validation says where the others went ("; kept … in Notes").
    expect([r.value, r.note]).toEqual(['cruiz@davis.gov', 'apark@davis.gov']);
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'Contact email: "cruiz@davis.gov; Ana Park <apark@davis.gov>" holds 2 addresses: read the first, cruiz@davis.gov']]);
  });

  it('accepts an address, trimmed, and rejects anything else', () => {
    expect(read('requests', 'contactEmail', ' maria.lopez@dof.ca.gov ')).toEqual({ value: 'maria.lopez@dof.ca.gov', issues: [] });
    for (const bad of ['maria.lopez', 'maria@', 'a b@c.org', 'call Maria']) expect(codes(read('requests', 'contactEmail', bad))).toEqual(['error:not_an_email']);
  });
});

describe('dropdown lists', () => {
  it.each([['in-progress', 'In progress'], ['IN PROGRESS', 'In progress'], ['in_progress', 'In progress'], ['waiting on requester.', 'Waiting on requester'], [' fulfilled ', 'Fulfilled']])(
    'matches %j to %j', (raw, value) => {
      expect(read('requests', 'status', raw)).toEqual({ value, issues: [] });
    },
  );

  it.each([
    ['milestones', 'Done', 'Completed'], ['milestones', 'Complete', 'Completed'], ['roadmap', 'Ongoing', 'In progress'],
    ['workplan', 'Underway', 'In progress'], ['workplan', 'Planned', 'Not started'], ['workplan', 'Paused', 'On hold'],
    ['requests', 'Done', 'Fulfilled'], ['requests', 'Delivered', 'Fulfilled'],
    // A traffic-light plan's words for work under way but behind: its dates and % say how far behind.
    ['workplan', 'Behind', 'In progress'], ['workplan', 'Behind schedule', 'In progress'], ['roadmap', 'Off track', 'In progress'], ['milestones', 'At risk', 'In progress'],
    ['workplan', 'Delayed', 'In progress'], ['roadmap', 'Delayed', 'In progress'],
    // Work still being planned has not begun.
    ['workplan', 'Planning', 'Not started'], ['roadmap', 'Planning', 'Not started'], ['milestones', 'Not yet started', 'Not started'],
  ] as const)('keeps a %s status in the office\'s own words, %j, as %j, with a warning', (table, raw, value) => {
    const r = read(table, 'status', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => i.message)).toEqual([`Status: read "${raw}" as "${value}"`]);
  });

  it.each([['Responsive', 'Reactive'], ['On request', 'Reactive'], ['Outreach', 'Proactive']] as const)(
    'keeps an origin in the commission\'s own words, %j, as %j, with a warning', (raw, value) => {
      const r = read('requests', 'origin', raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => i.message)).toEqual([`Origin: read "${raw}" as "${value}"`]);
    },
  );

  it.each([
    ['requesterType', 'Requester type', 'Legislature', 'Legislative office'], ['requesterType', 'Requester type', 'Tribe', 'Tribal government'],
    ['requesterType', 'Requester type', 'State Dept.', 'State agency'], ['requesterType', 'Requester type', 'Nonprofit', 'Community organization'],
    ['channel', 'Channel', 'Zoom', 'Meeting'], ['channel', 'Channel', 'In person', 'Meeting'], ['channel', 'Channel', 'Teams', 'Meeting'],
    ['category', 'Category', 'RBA', 'Results-based accountability'],
  ] as const)('keeps %s (%s) in a TA log\'s own words, %j, as %j, with a warning', (field, header, raw, value) => {
    const r = read('requests', field, raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => i.message)).toEqual([`${header}: read "${raw}" as "${value}"`]);
  });

  it.each([['County/City', 'County'], ['City/County', 'City'], ['City-County', 'City'], ['city and county', 'City'], ['County & City', 'County']] as const)(
    'keeps a requester type naming a city and a county, %j, as the first named, %j, saying why', (raw, value) => {
      const r = read('requests', 'requesterType', raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', expect.stringMatching(new RegExp(`^Requester type: read "${raw}" as "${value}" \\(.*city-county government.*\\)$`))]]);
    });

  it.each([['Closed - no response', 'Closed', 'no response'], ['Fulfilled (May 2026)', 'Fulfilled', 'May 2026'], ['Complete: sent the toolkit', 'Fulfilled', 'sent the toolkit']] as const)(
    'keeps a status written with a note after it, %j, as %j, with a warning and the note apart', (raw, value, note) => {
      const r = read('requests', 'status', raw);
      expect(r.value).toBe(value);
      expect(r.note).toBe(note);
      expect(r.issues.map((i) => i.message)).toEqual([`Status: read "${raw}" as "${value}"`]);
    },
  );

  it.each([
    ['status', 'Resolved', 'Fulfilled'], ['status', 'Solved', 'Fulfilled'], ['status', 'Waiting on customer', 'Waiting on requester'],
    // A commission's requesters are agencies and departments: waiting on them is waiting on the requester.
    ['status', 'Waiting on agency', 'Waiting on requester'], ['status', 'Awaiting department', 'Waiting on requester'],
    ['status', 'Escalated', 'In progress'], ['status', 'Reopened', 'In progress'], ['status', 'Cancelled', 'Declined'], ['status', 'Withdrawn', 'Declined'], ['status', 'Duplicate', 'Declined'],
    ['priority', 'Critical', 'Urgent'], ['priority', 'Highest', 'Urgent'], ['priority', 'Hi', 'High'], ['priority', 'Normal', 'Medium'], ['priority', 'Lowest', 'Low'],
  ] as const)("keeps a request whose %s is a service desk's word, %j, as %j, with a warning", (field, raw, value) => {
    const r = read('requests', field, raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['choice_matched', 'warning']]);
    expect(r.issues[0].message).toContain(`read "${raw}" as "${value}"`);
  });

  it.each([['requesterRole', 'Executive leadership; Program staff', 'Executive leadership', 'Program staff'], ['requesterRole', 'Program staff, Budget staff', 'Program staff', 'Budget staff'], ['category', 'Data & evaluation; Training & workshops; RBA', 'Data & evaluation', 'Training & workshops; RBA'],
    // Microsoft Forms ends each answer of a many-choice question with ";".
    ['category', 'Training & workshops;Data & evaluation;', 'Training & workshops', 'Data & evaluation']] as const)(
    'keeps a request whose %s names several listed values, %j, as the first named, %j, the others apart for its notes', (field, raw, value, note) => {
      const r = read('requests', field, raw);
      expect(r.value).toBe(value);
      expect(r.note).toBe(note);
      expect(r.issues.map((i) => [i.code, i.severity, i.message])).toEqual([['choice_matched', 'warning', `${column('requests', field).header}: read "${raw}" as "${value}", the first named`]]);
    },
  );

  it.each([['Deferred to FY28', 'On hold', 'to FY28'], ['Postponed until spring 2027', 'On hold', 'until spring 2027'], ['WIP', 'In progress', undefined], ['In process', 'In progress', undefined]] as const)(
    'keeps a work-plan status written %j as %j, the time it names after it apart', (raw, value, note) => {
      const r = read('workplan', 'status', raw);
      expect(r.value).toBe(value);
      expect(r.note).toBe(note);
      expect(r.issues.map((i) => i.message)).toEqual([`Status: read "${raw}" as "${value}"`]);
    },
  );

  it.each([['requesterType', 'Legislative', 'Legislative office'], ['requesterType', 'Tribal', 'Tribal government'], ['category', 'Data', 'Data & evaluation']] as const)(
    'keeps a %s shortened to words of one listed value, %j, as %j, with a warning', (field, raw, value) => {
      const r = read('requests', field, raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['choice_matched', 'warning']]);
    },
  );

  it.each([['requesterType', 'Tribal govt', 'Tribal government'], ['requesterType', 'State agcy', 'State agency'], ['requesterRole', 'Exec. ldrshp', 'Executive leadership'], ['requesterType', 'Cmty org.', 'Community organization']] as const)(
    'keeps a %s whose words are contracted as offices write them, %j, as %j, not as Other', (field, raw, value) => {
      const r = read('requests', field, raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['choice_matched', 'warning']]);
    },
  );

  it('leaves a contraction that two listed values could be an error naming both', () => {
    const r = read('requests', 'requesterType', 'Cty');
    expect(codes(r)).toEqual(['error:not_in_list']);
    expect(r.issues[0].message).toBe('Requester type: "Cty" could be "City" or "County"; pick one');
  });

  it('leaves a shortened value that two listed values hold an error naming both', () => {
    const r = read('requests', 'requesterRole', 'Staff');
    expect(codes(r)).toEqual(['error:not_in_list']);
    expect(r.issues[0].message).toBe('Requester role: "Staff" could be "Program staff" or "Budget staff"; pick one');
  });

  it.each([['ASAP', 'Urgent'], ['asap', 'Urgent']] as const)('keeps a priority in a requester\'s words, %j, as %j, with a warning', (raw, value) => {
    const r = read('requests', 'priority', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Priority: read "${raw}" as "${value}"`]]);
  });

  it.each([['P1', 'Urgent'], ['p2', 'High'], ['P3', 'Medium'], ['P4', 'Low'], ['Priority 1', 'Urgent'], ['Sev 2', 'High'], ['Sev1', 'Urgent'], ['Severity 3', 'Medium']] as const)(
    'reads a service desk\'s priority, %j, as %j, saying what that assumes', (raw, value) => {
      const r = read('requests', 'priority', raw);
      expect(r.value).toBe(value);
      expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['warning', `Priority: read "${raw}" as "${value}" (a service desk numbers its priorities from 1, the most urgent, to 4, the least)`]]);
    },
  );

  it('reads "P1" as a priority only: a status "P1" stays an error, a category "P1" is no Urgent but Other, its words kept', () => {
    expect(codes(read('requests', 'status', 'P1'))).toEqual(['error:not_in_list']);
    expect(read('requests', 'category', 'P1')).toMatchObject({ value: 'Other', note: 'P1', issues: [{ code: 'read_as_other' }] });
  });

  it('reads "Med" as Medium, and a note after a word that is no listed value stays an error', () => {
    expect(read('requests', 'priority', 'Med').value).toBe('Medium');
    expect(codes(read('requests', 'status', 'Frozen - see notes'))).toEqual(['error:not_in_list']);
  });

  it('reads a status word only as a value its own list holds: a request "Paused" stays an error', () => {
    expect(codes(read('requests', 'status', 'Paused'))).toEqual(['error:not_in_list']);
  });

  it.each([['milestones', 'Paused'], ['milestones', 'postponed'], ['roadmap', 'Deferred'], ['roadmap', 'On pause']] as const)(
    'keeps a %s status %j as "On hold", saying so: the item shows On hold, not a rejected row', (table, raw) => {
      const r = read(table, 'status', raw);
      expect(r.value).toBe('On hold');
      expect(r.issues.map((i) => [i.code, i.message])).toEqual([['choice_matched', `Status: read "${raw}" as "On hold"`]]);
    },
  );

  it('keeps a milestone "On hold" where a workbook\'s own Lists predate it: the rules read it though the list lacks it', () => {
    const lists = { ...DEFAULT_RULES.lists, progressStatus: ['Not started', 'In progress', 'Completed'] };
    expect(readCell(column('milestones', 'status'), 'On hold', { lists })).toEqual({ value: 'On hold', issues: [] });
    expect(readCell(column('roadmap', 'status'), 'Postponed', { lists }).value).toBe('On hold');
  });

  it.each([
    ['Open', 'In progress', /being worked on/],
    ['Pending', 'Waiting on requester', /awaits the requester's reply/],
    // "On hold" must not read as a paused clock: nothing in the lifecycle pauses the SLA.
    ['On hold', 'Waiting on requester', /its SLA runs on/],
  ] as const)('keeps a request status from a ticket system, %j, as %j, saying what it assumed', (raw, value, assumed) => {
    const r = read('requests', 'status', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
    const said = new RegExp(`^Status: read "${raw}" as "${value}" \\((.+)\\)$`).exec(r.issues[0].message);
    expect(said?.[1]).toMatch(assumed);
  });

  it.each([['workplan', 'Cancelled'], ['workplan', 'dropped'], ['milestones', 'Withdrawn'], ['roadmap', 'Not pursued']] as const)(
    'keeps a %s status the rules read as stopped (%j) though the list lacks it: the item shows Stopped, not a rejected row', (table, raw) => {
      const r = read(table, 'status', raw);
      expect(r.value?.toString().toLowerCase()).toBe(raw.toLowerCase());
      expect(codes(r)).toEqual([]);
    },
  );

  it('reads a stopped status with a note after it ("cancelled - moved to 2028") as the status, the note kept apart', () => {
    const r = read('milestones', 'status', 'cancelled - moved to 2028');
    expect(r).toMatchObject({ value: 'Cancelled', note: 'moved to 2028' });
    expect(codes(r)).toEqual(['warning:choice_matched']);
    // A request's lifecycle has its own words for an end: a request "Withdrawn" is not read as a plan's stop, but as
    // closed unfulfilled, said so.
    expect(read('requests', 'status', 'Withdrawn')).toMatchObject({ value: 'Declined', issues: [{ code: 'choice_matched' }] });
  });

  it('reads a ticket system\'s "Open" only as a request status: a work-plan "Open" stays an error', () => {
    expect(codes(read('workplan', 'status', 'Open'))).toEqual(['error:not_in_list']);
    expect(read('workplan', 'status', 'On hold')).toEqual({ value: 'On hold', issues: [] });
  });

  it.each([['workplan', 'status', 'TBD'], ['milestones', 'status', 'To be determined'], ['requests', 'priority', 'n/a'], ['roadmap', 'kind', '—'], ['requests', 'requesterType', 'TBA']] as const)(
    'keeps the row of a %s %s not chosen yet (%j), left blank with a warning naming the choices, as a TBD date or check box is', (table, field, raw) => {
      const r = read(table, field, raw);
      expect(r.value).toBeNull();
      expect(codes(r)).toEqual(['warning:blank_kept']);
      expect(r.issues[0].message).toMatch(new RegExp(`^[\\w ]+: "${raw}" is not chosen yet; left blank \\(choose one of: .+\\)$`));
    },
  );

  it('reads a Status not chosen yet as its formula does: padded with a tab, a line break or a no-break space it is left blank; with an em space it is no such word', () => {
    for (const raw of ['TBD\t', '\u00a0n/a', 'To be\u00a0determined\n', '\t-\u00a0']) expect(codes(read('workplan', 'status', raw)), JSON.stringify(raw)).toEqual(['warning:blank_kept']);
    expect(codes(read('workplan', 'status', 'TBD\u2003'))).toEqual(['error:not_in_list']);
    // A column no formula reads keeps taking any white space around the word.
    expect(codes(read('requests', 'priority', 'TBD\u2003'))).toEqual(['warning:blank_kept']);
  });

  it.each([
    ['milestones', '☑', 'Completed'], ['milestones', '✓', 'Completed'], ['roadmap', 'x', 'Completed'], ['workplan', true, 'Completed'], ['milestones', 'Yes', 'Completed'],
    ['milestones', '☐', null], ['roadmap', false, null], ['workplan', 'No', null],
  ] as const)('reads a check mark in a %s status (%j, a "Done?" column ticked or not) as %j, with a warning, not as an error (QA7)', (table, raw, value) => {
    const r = read(table, 'status', raw);
    expect(r.value).toBe(value);
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(r.issues[0].message).toBe(value === null ? `Status: read ${typeof raw === 'boolean' ? 'an unticked box' : `"${raw}"`} as not done; left blank` : `Status: read ${typeof raw === 'boolean' ? 'a ticked box' : `"${raw}"`} as "Completed"`);
  });

  it('a check mark in a request\'s status, whose list has no plain done, is still an error', () => {
    expect(codes(read('requests', 'status', '☑'))).toEqual(['error:not_in_list']);
  });

  describe('a value outside a list that holds Other', () => {
    it.each([
      ['requesterType', 'Requester type', 'Nonprofit foundation'], ['requesterType', 'Requester type', 'School district'],
      ['requesterRole', 'Requester role', 'Grants manager'], ['category', 'Category', 'Help with a grant application'],
      ['outcome', 'Outcome', 'Hired an equity officer'],
    ] as const)('reads %s %j as Other, the words kept for the row\'s Notes, saying how to count it on its own', (field, header, raw) => {
      expect(read('requests', field, raw)).toEqual({
        value: 'Other',
        note: raw,
        issues: [{ code: 'read_as_other', field, severity: 'warning', message: `${header}: "${raw}" is not in the list; read as "Other" (add it to the Lists sheet to count it on its own)` }],
      });
    });

    it('keeps every other reading first: a listed value, its words, a typo, a city-county, a placeholder, a tie between two', () => {
      expect(read('requests', 'requesterType', 'counties').value).toBe('County');
      expect(read('requests', 'requesterType', 'Nonprofit').value).toBe('Community organization');
      expect(read('requests', 'requesterType', 'County/City').value).toBe('County');
      expect(read('requests', 'category', 'Other: grant writing')).toMatchObject({ value: 'Other', note: 'grant writing', issues: [{ code: 'choice_matched' }] });
      expect(codes(read('requests', 'category', 'TBD'))).toEqual(['warning:blank_kept']);
      expect(codes(read('requests', 'requesterRole', 'Staff'))).toEqual(['error:not_in_list']);
    });

    it('leaves a listed value misspelled an error naming it, as Other would count and weigh it as another type', () => {
      for (const [raw, meant] of [['Countty', 'County'], ['Country', 'County'], ['Staet agency', 'State agency']] as const) {
        const r = read('requests', 'requesterType', raw);
        expect(r.value, raw).toBeNull();
        expect(r.issues.map((i) => [i.code, i.message.endsWith(`(is it "${meant}" misspelled?)`)]), raw).toEqual([['not_in_list', true]]);
      }
    });

    it('reads a listed value written with letters left out, its first and last kept, as that value, said: "goverment" is a contraction of government', () => {
      for (const [raw, meant] of [['Tribal goverment', 'Tribal government'], ['Comunity organizations', 'Community organization'], ['Budget equity tol', 'Budget equity tool'], ['Othr', 'Other']] as const) {
        const r = read('requests', meant === 'Budget equity tool' ? 'category' : 'requesterType', raw);
        expect(r.value, raw).toBe(meant);
        expect(r.issues.map((i) => [i.code, i.severity]), raw).toEqual([['choice_matched', 'warning']]);
      }
      // A number or a date is no words for Other.
      expect(codes(read('requests', 'category', 42))).toEqual(['error:not_in_list']);
    });

    it('reads ticked boxes that join a listed choice and an "Other:" answer as the listed one, the rest kept for Notes', () => {
      const mixed = read('requests', 'category', 'Budget equity tool, Help with a grant application');
      expect(mixed).toEqual({ value: 'Budget equity tool', note: 'Help with a grant application', issues: [expect.objectContaining({ code: 'choice_matched', message: 'Category: read "Budget equity tool, Help with a grant application" as "Budget equity tool", the first named' })] });
      const later = read('requests', 'category', 'Help with a grant application, Language access');
      expect([later.value, later.note, later.issues[0].message]).toEqual(['Language access', 'Help with a grant application', 'Category: read "Help with a grant application, Language access" as "Language access", the first listed']);
      // A list without Other keeps the reading the whole cell had: its value's words, the rest quoted in the warning only.
      expect(read('requests', 'channel', 'Fax, Email')).toEqual({ value: 'Email', issues: [expect.objectContaining({ message: 'Channel: read "Fax, Email" as "Email"' })] });
    });

    it('rejects as before where the list has no Other: a status, a priority, a channel, an origin', () => {
      for (const field of ['status', 'priority', 'channel', 'origin']) expect(codes(read('requests', field, 'Nonprofit foundation')), field).toEqual(['error:not_in_list']);
    });

    it("follows an office's Lists: without Other, or with it renamed, a value outside is rejected; Other in another case is the list's own", () => {
      const withOut = (type: readonly string[]) => readCell(column('requests', 'requesterType'), 'Nonprofit foundation', { lists: { ...DEFAULT_RULES.lists, requesterType: type } });
      expect(withOut(['City', 'County']).issues.map((i) => i.code)).toEqual(['not_in_list']);
      expect(withOut(['City', 'County', 'Other (specify)']).issues.map((i) => i.code)).toEqual(['not_in_list']);
      expect(withOut(['City', 'County', 'OTHER'])).toMatchObject({ value: 'OTHER', note: 'Nonprofit foundation' });
      // A list an office gave Other though the default has none is read so too.
      const status = readCell(column('milestones', 'status'), 'Handed to the county', { lists: { ...DEFAULT_RULES.lists, progressStatus: [...DEFAULT_RULES.lists.progressStatus, 'Other'] } });
      expect(status).toMatchObject({ value: 'Other', note: 'Handed to the county' });
    });
  });

  it('rejects a value outside a closed list, listing the allowed ones', () => {
    const r = read('requests', 'status', 'Frozen');
    expect(r.value).toBeNull();
    expect(codes(r)).toEqual(['error:not_in_list']);
    expect(r.issues[0].message).toContain('Waiting on requester');
  });

  it('keeps new values in an open list, with spaces tidied, and still canonicalises known ones', () => {
    expect(read('requests', 'frameworkArea', 'Anti-displacement')).toEqual({ value: 'Anti-displacement', issues: [] });
    expect(read('requests', 'assignee', '  New   Person ')).toEqual({ value: 'New Person', issues: [] });
    expect(read('requests', 'frameworkArea', 'normalize')).toEqual({ value: 'Normalize', issues: [] });
  });

  it('reads a SharePoint person field as the people it names: the first assigned, the others for the row\'s Notes, saying so', () => {
    const two = read('requests', 'assignee', 'Nguyen, Tam;#Ortiz, Ana');
    expect(two.value).toBe('Nguyen, Tam');
    expect(two.note).toBe('Ortiz, Ana');
    expect(two.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'people_separated', 'Assignee: "Nguyen, Tam;#Ortiz, Ana" names 2 people: read the first, Nguyen, Tam']]);
    // Some exports write each person's user id after the name, or a lookup's id before it.
    const id = read('requests', 'assignee', 'Tam Nguyen;#12');
    expect([id.value, id.note]).toEqual(['Tam Nguyen', undefined]);
    expect(id.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'people_separated', 'Assignee: read "Tam Nguyen;#12" as Tam Nguyen (SharePoint\'s user ids and separators taken out)']]);
    expect([read('requests', 'assignee', '12;#Tam Nguyen;#15;#Ana Ortiz').value, read('requests', 'assignee', '12;#Tam Nguyen;#15;#Ana Ortiz').note]).toEqual(['Tam Nguyen', 'Ana Ortiz']);
    // A plan's Lead holds everyone named.
    expect(read('workplan', 'lead', 'Nguyen, Tam;#12;#Ortiz, Ana;#15').value).toBe('Nguyen, Tam; Ortiz, Ana');
    const notes = validateRow(TABLES.requests, { requesterOrg: 'Parks', assignee: 'Nguyen, Tam;#Ortiz, Ana', notes: 'Kickoff' }, opts).values.notes;
    expect(notes).toContain('Ortiz, Ana');
  });

  it.each(['TBD', 'tbd', 'Unassigned', 'unassigned', '?', '??', '-', 'N/A', 'none', 'To be determined'])(
    'reads %j in an open list (an Assigned to nobody yet) as no one, left blank with a warning, not as a person named so (QA2)', (raw) => {
      const r = read('requests', 'assignee', raw);
      expect(r.value).toBeNull();
      expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['warning', 'blank_kept', `Assignee: "${raw}" names no one yet; left blank`]]);
    },
  );

  it('keeps a value of the list a column once offered, as that list spells it, with a warning; other values stay errors', () => {
    expect(read('requests', 'preferredChannel', 'web form')).toEqual({
      value: 'Web form',
      issues: [expect.objectContaining({ severity: 'warning', code: 'former_choice', message: 'Preferred channel: "Web form" is no longer one of: Email, Phone, Meeting; kept as it was' })],
    });
    expect(codes(read('requests', 'preferredChannel', 'Fax'))).toEqual(['error:not_in_list']);
    // A value the workbook's own channel list had was a preferred channel once too.
    const lists = { ...DEFAULT_RULES.lists, channel: [...DEFAULT_RULES.lists.channel, 'Text message'] };
    expect(readCell(column('requests', 'preferredChannel'), 'Text message', { lists }).value).toBe('Text message');
  });

  it('uses the lists it is given (a workbook with its own Lists sheet)', () => {
    const lists = { ...DEFAULT_RULES.lists, priority: ['Low', 'Medium', 'High', 'Urgent', 'Critical'] };
    expect(readCell(column('requests', 'priority'), 'critical', { lists }).value).toBe('Critical');
    // Without it, a service desk's "Critical" is Urgent.
    expect(read('requests', 'priority', 'critical').value).toBe('Urgent');
  });
});

describe('dates', () => {
  it('reads serials, Date objects and text', () => {
    expect(read('requests', 'receivedOn', 45366)).toEqual({ value: '2024-03-15', issues: [] });
    expect(read('requests', 'receivedOn', '45366')).toEqual({ value: '2024-03-15', issues: [] });
    expect(read('requests', 'receivedOn', new Date(Date.UTC(2024, 2, 15)))).toEqual({ value: '2024-03-15', issues: [] });
    expect(read('requests', 'receivedOn', '3/15/2024')).toEqual({ value: '2024-03-15', issues: [] });
  });

  it('lets a host convert its local-midnight Dates', () => {
    const local = new Date(2024, 2, 15);
    const isoFromDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(readCell(column('requests', 'receivedOn'), local, { ...opts, isoFromDate }).value).toBe('2024-03-15');
  });

  it('leaves "TBD" blank with a warning and rejects impossible dates', () => {
    const tbd = read('workplan', 'startOn', 'TBD');
    expect(tbd.value).toBeNull();
    expect(codes(tbd)).toEqual(['warning:date_tbd']);
    expect(codes(read('workplan', 'startOn', '2/30/2024'))).toEqual(['error:not_a_date']);
    expect(codes(read('workplan', 'startOn', -5))).toEqual(['error:not_a_date']);
    expect(codes(read('workplan', 'startOn', new Date(Number.NaN)))).toEqual(['error:not_a_date']);
  });

  it('keeps a time counted from the plan\'s start ("Year 1-2", "Months 1-6", "0-90 days") undated with a warning, where a row was rejected', () => {
    for (const text of ['Year 1', 'Years 1-2', 'Year 1 – Year 2', 'Months 1-6', 'Month 3', '0-6 months', '6–12 months', '0-90 days', 'First 90 days', 'Within 6 months', 'Weeks 1-4']) {
      for (const [table, field] of [['workplan', 'startOn'], ['workplan', 'endOn'], ['milestones', 'date'], ['roadmap', 'targetOn']] as const) {
        const r = read(table, field, text);
        expect(r.value, `${text} in ${field}`).toBeNull();
        expect(codes(r), text).toEqual(['warning:date_tbd']);
      }
    }
    expect(read('workplan', 'startOn', 'Year 1').issues[0].message).toBe('Start: "Year 1" is not a date yet; left blank');
    // Four digits are a year, no count of years; a range of bare figures is no time counted from the start.
    expect(codes(read('workplan', 'startOn', 'Year 2026'))).not.toEqual(['warning:date_tbd']);
    expect(codes(read('workplan', 'startOn', '3-15'))).not.toEqual(['warning:date_tbd']);
  });

  it('reads no serial up to 1 as a date: LibreOffice opens a checkbox pasted into a date cell as 1, which no formula counts as one', () => {
    for (const serial of [0, 1]) expect(codes(read('requests', 'receivedOn', serial)), String(serial)).toEqual(['error:not_a_date']);
    expect(read('requests', 'receivedOn', 2).value).toBe('1900-01-01');
  });

  it('reads a whole number a year could be (2026, as Excel and Sheets store a typed year) as that year, as the text "2026" is, not as a day in 1905', () => {
    const text = read('workplan', 'startOn', '2026');
    expect(read('workplan', 'startOn', 2026)).toMatchObject({ value: text.value, rangeEnd: text.rangeEnd });
    expect(read('workplan', 'startOn', 2026)).toMatchObject({ value: '2026-01-01', rangeEnd: '2026-12-31' });
    const target = read('roadmap', 'targetOn', 2027);
    expect(target.value).toBe('2027-12-31');
    // The sheet's formulas read the number as a day: said, with what to type instead.
    expect(target.issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'Target date: read the number 2027 as the year 2027; the sheet\'s own status formulas read a number as a day (in 1905), so type the year as text ("2027") or a date']]);
    expect(read('requests', 'receivedOn', 2206).value).toBe('2206-01-01');
    // A serial of a day this century stays the day it is.
    expect(read('requests', 'receivedOn', 46000).value).toBe('2025-12-09');
  });

  it('reads a date written day first where its first number can be no month ("13/01/2026"), said; one that could be either stays month first', () => {
    expect(read('workplan', 'startOn', '13/01/2026')).toEqual({ value: '2026-01-13', issues: [expect.objectContaining({ code: 'day_first', severity: 'warning', message: 'Start: read "13/01/2026" as 2026-01-13, day first (there is no month 13)' })] });
    expect(read('workplan', 'startOn', '03/01/2026')).toEqual({ value: '2026-03-01', issues: [] });
    expect(codes(read('workplan', 'startOn', '13/13/2026'))).toEqual(['error:not_a_date']);
  });

  it('splits a range into a column that has an end field, and warns where it has none', () => {
    expect(read('workplan', 'startOn', 'Feb 2026 – Aug 2027')).toEqual({ value: '2026-02-01', rangeEnd: '2027-08-31', issues: [] });
    expect(read('workplan', 'startOn', 'Dec 2026 → Mar 2027')).toEqual({ value: '2026-12-01', rangeEnd: '2027-03-31', issues: [] });
    expect(read('roadmap', 'targetOn', 'Dec 2026 -> Mar 2027').value).toBe('2027-03-31');
    const r = read('requests', 'receivedOn', '3/15-17/2024');
    expect(r.value).toBe('2024-03-15');
    expect(r.rangeEnd).toBeUndefined();
    expect(codes(r)).toEqual(['warning:date_range']);
  });

  it('reads "Ongoing since March 2026" as the start only in a work-start column, and leaves a due, end or milestone date blank, as for "Ongoing"', () => {
    expect(read('workplan', 'startOn', 'Ongoing since March 2026')).toEqual({ value: '2026-03-01', issues: [expect.objectContaining({ code: 'date_period', severity: 'warning', message: 'Start: read "Ongoing since March 2026" as 2026-03-01, the first day of "March 2026"' })] });
    for (const [table, field] of [['workplan', 'endOn'], ['roadmap', 'targetOn'], ['requests', 'dueOn'], ['milestones', 'date']] as const) {
      const r = read(table, field, 'Ongoing since March 2026');
      expect(r.value).toBeNull();
      expect(codes(r)).toEqual(['warning:date_tbd']);
    }
    expect(read('milestones', 'date', 'since 3/2026').value).toBeNull();
    expect(read('workplan', 'endOn', 'Ongoing since March 2026').issues[0].message).toBe('End: read "Ongoing since March 2026" as ongoing since 2026-03-01, not a date for this column; left blank');
  });

  it('reads a span whose end is still to come ("June 2026 – TBD") as the start of work, and leaves a due, end or milestone date blank, saying so', () => {
    expect(read('workplan', 'startOn', 'June 2026 – TBD')).toEqual({ value: '2026-06-01', issues: [expect.objectContaining({ severity: 'warning', message: 'Start: read "June 2026 – TBD" as 2026-06-01, the first day of "June 2026", with no end yet' })] });
    expect(read('milestones', 'date', 'June 2026 – TBD')).toEqual({ value: null, issues: [expect.objectContaining({ code: 'date_tbd', severity: 'warning', message: 'Date: read "June 2026 – TBD" as from 2026-06-01 with no end yet, not a date for this column; kept with the status "No date yet"' })] });
  });

  it('reads a month, quarter or year typed as a due or target date as its last day, as a plan means it, without a warning', () => {
    for (const [text, day] of [['Dec 2026', '2026-12-31'], ['Sept 2026', '2026-09-30'], ['2/2026', '2026-02-28'], ['Q4 2026', '2026-12-31'], ['2027', '2027-12-31']]) {
      expect(read('roadmap', 'targetOn', text), text).toEqual({ value: day, issues: [] });
    }
    expect(read('requests', 'dueOn', 'Q3 2027')).toEqual({ value: '2027-09-30', issues: [] });
    // A range typed as one still says which end it kept; so does a fiscal year, whose months are a setting.
    expect(read('roadmap', 'targetOn', 'Jan-Mar 2026').issues.map((i) => i.message)).toEqual(['Target date: "Jan-Mar 2026" is a range; used its end, 2026-03-31']);
    expect(read('roadmap', 'targetOn', 'FY 2027').issues).toHaveLength(1);
  });

  it('reads a month typed with a dash before its year ("Mar-2026") as the month, not a range', () => {
    expect(read('requests', 'dueOn', 'Mar-2026')).toEqual({ value: '2026-03-31', issues: [] });
    expect(read('requests', 'receivedOn', 'March – 2026').issues.map((i) => i.message)).toEqual(['Received: "March – 2026" names the whole month; used its first day, 2026-03-01']);
    expect(read('roadmap', 'targetOn', '2026-2027').issues.map((i) => i.message)).toEqual(['Target date: "2026-2027" is a range; used its end, 2027-12-31']);
  });

  it('says a month, quarter or year typed as the day a request came in names the whole period, and which day was used', () => {
    expect(read('requests', 'receivedOn', 'Mar 2026')).toEqual({ value: '2026-03-01', issues: [expect.objectContaining({ code: 'date_period', severity: 'warning', message: 'Received: "Mar 2026" names the whole month; used its first day, 2026-03-01' })] });
    expect(read('requests', 'receivedOn', 'Q2 2026').issues[0].message).toBe('Received: "Q2 2026" names the whole quarter; used its first day, 2026-04-01');
    expect(read('requests', 'receivedOn', '2026').issues[0].message).toBe('Received: "2026" names the whole year; used its first day, 2026-01-01');
  });

  it('marks a day picked inside a year, a fiscal year or a quarter as guessed, so figures counted in days leave it out; a month is no guess to mark', () => {
    const guessed = (field: string, text: string) => read('requests', field, text).issues.some((i) => i.dayGuessed === true);
    for (const text of ['2026', 'FY 2026', 'FY 2025-26', 'Q1 2026', 'Spring 2026', 'Jan-Mar 2026']) {
      expect(guessed('receivedOn', text), text).toBe(true);
      expect(guessed('fulfilledOn', text), text).toBe(true);
    }
    for (const text of ['Mar 2026', '2026-03-04', '3/4/2026']) expect(guessed('receivedOn', text), text).toBe(false);
    // A deadline read as its period's last day is how plans set one: no guess.
    expect(read('requests', 'dueOn', 'FY 2027').issues.every((i) => !i.dayGuessed)).toBe(true);
  });

  it('reads a range in a due or target date as its last day: a roadmap item due "Dec 2026" is not missed on December 3', () => {
    expect(read('roadmap', 'targetOn', 'FY 2026-27').value).toBe('2027-06-30');
    expect(read('requests', 'dueOn', 'Q3 2027').value).toBe('2027-09-30');
    expect(read('requests', 'receivedOn', 'Dec 2026').value).toBe('2026-12-01');
  });

  it('reads an arrow between two days as the change to the second in a column of one date, and as a span in a column that holds a range', () => {
    const text = '6/30/2026 -> 9/30/2026';
    const changed = 'read "6/30/2026 -> 9/30/2026" as 2026-09-30, the date it was changed to, setting aside "6/30/2026" (an arrow between two days, in a column of one date, is a change)';
    expect(read('requests', 'dueOn', text)).toEqual({ value: '2026-09-30', issues: [expect.objectContaining({ code: 'date_period', message: `Due: ${changed}` })] });
    // A milestone's Date may hold a range (it fills End): there the arrow is the span, as a dash would be.
    expect(read('milestones', 'date', '3/9/2026 -> 3/13/2026')).toEqual({ value: '2026-03-09', rangeEnd: '2026-03-13', issues: [] });
    expect(read('roadmap', 'targetOn', '6/30 → 9/30/2026').value).toBe('2026-09-30');
    // Two days without a year in a 2026 plan: the second may have crossed into the next year, as the span knows.
    const titled = { ...opts, yearFor: () => ({ year: 2026, from: 'the title' }) };
    // A year written in one part of a list is the others': no warning that the cell has none, nor the title's year.
    for (const [text, start, end] of [['March 4, 2026 & Mar 17', '2026-03-04', '2026-03-17'], ['Week of 12/15 & 1/15/2027', '2026-12-14', '2027-01-15']]) {
      const cell = readCell(column('workplan', 'startOn'), text, { ...opts, yearFor: () => ({ year: 2030, from: 'the title' }) });
      expect([cell.value, cell.rangeEnd], text).toEqual([start, end]);
      expect(cell.issues.map((i) => i.code), text).not.toContain('date_no_year');
    }
    for (const [yearless, end] of [['12/15 -> 1/15', '2027-01-15'], ['Sept 15 -> Mar 17', '2027-03-17'], ['3/15 -> 3/17', '2026-03-17']]) {
      expect(readCell(column('workplan', 'startOn'), yearless, titled).rangeEnd).toBe(end);
      expect(readCell(column('requests', 'dueOn'), yearless, titled).value, yearless).toBe(end);
    }
    expect(read('requests', 'receivedOn', text).value).toBe('2026-09-30');
    // A work plan's start is where a timeline's span is typed: the arrow draws the span, as on a slide.
    expect([read('workplan', 'startOn', text).value, read('workplan', 'startOn', text).rangeEnd]).toEqual(['2026-06-30', '2026-09-30']);
    // Months, quarters: a timeline's span in any column, as before.
    expect([read('milestones', 'date', 'Dec 2026 → Mar 2027').value, read('milestones', 'date', 'Dec 2026 → Mar 2027').rangeEnd]).toEqual(['2026-12-01', '2027-03-31']);
  });

  it('keeps a milestone on "1st Tuesday in March" in a sheet whose year is known, and a task "Later in 2026", each with a warning saying how it was read', () => {
    const titled = { ...opts, yearFor: () => ({ year: 2026, from: 'the title' }) };
    const meeting = readCell(column('milestones', 'date'), '1st Tuesday in March', titled);
    expect(meeting.value).toBe('2026-03-03');
    expect(meeting.issues.map((i) => i.message).join('; ')).toMatch(/"1st Tuesday in March" has no year; read as 2026-03-03, assuming 2026 \(the title; a Tuesday counted in its month\)/);
    const later = readCell(column('workplan', 'startOn'), 'Later in 2026', opts);
    expect([later.value, later.rangeEnd]).toEqual(['2026-07-01', '2026-12-31']);
    expect(later.issues.map((i) => i.message).join('; ')).toContain('second half');
  });

  it('reads a list in one cell written out of order, or as a date and its year apart, in the year written, with a warning saying so', () => {
    const titled = { ...opts, yearFor: () => ({ year: 2030, from: 'the title' }) };
    const outOfOrder = readCell(column('milestones', 'date'), 'Mar 17 & March 4, 2026', titled);
    expect([outOfOrder.value, outOfOrder.rangeEnd]).toEqual(['2026-03-04', '2026-03-17']);
    expect(outOfOrder.issues.map((i) => i.message)).toEqual([expect.stringContaining('read "Mar 17" as 2026-03-17, in the year of "March 4, 2026", though it is listed before it: the dates are out of order')]);
    const apart = readCell(column('requests', 'dueOn'), 'Dec 4 & 2026', titled);
    expect(apart.value).toBe('2026-12-04');
    expect(apart.issues.map((i) => [i.code, i.message])).toEqual([['date_period', 'Due: read "Dec 4" and "2026", listed apart, as one date, 2026-12-04: a year alone after a date without one is its year']]);
    expect(readCell(column('milestones', 'date'), 'Nov 3, 2026, Feb 1', titled).rangeEnd).toBe('2027-02-01');
  });

  it('keeps a milestone dated "Q1 2026/Q2 2026", "Mar. 3 & 10, 2026" or "First week of March" in a sheet whose year is known, and undated with a warning where none is', () => {
    const titled = { ...opts, yearFor: () => ({ year: 2026, from: 'the title' }) };
    const span = (text: string, options: typeof opts = titled) => {
      const cell = readCell(column('milestones', 'date'), text, options);
      return [cell.value, cell.rangeEnd, cell.issues.map((i) => [i.severity, i.message])];
    };
    expect(span('Q1 2026/Q2 2026')).toEqual(['2026-01-01', '2026-06-30', [['warning', 'Date: read "Q1 2026/Q2 2026" as 2026-01-01 to 2026-06-30 (a slash between two periods is read as a run from the first to the second)']]]);
    expect(span('Mar. 3 & 10, 2026')).toEqual(['2026-03-03', '2026-03-10', [['warning', 'Date: "Mar. 3 & 10, 2026" names 2 separate days, not a span: 2026-03-03 and 2026-03-10; dated by the first and ended by the last, so its status waits for the last day']]]);
    expect(span('First week of March').slice(0, 2)).toEqual(['2026-03-01', '2026-03-07']);
    expect(span('First week of March', opts)).toEqual([null, undefined, [['warning', 'Date: "First week of March" has no year, and no other date in the column or title gives one; kept with the status "No date yet"']]]);
  });

  it('reads separate days in one cell as the first, or a due date\'s last, keeping the cell for the row\'s notes where a day is not stored', () => {
    const said = (r: ReturnType<typeof read>) => [r.value, r.rangeEnd, r.note, r.issues.map((i) => [i.code, i.message, i.dayGuessed])];
    const days = '"Jan 5 and Feb 2, 2026" names 2 separate days, not a span: 2026-01-05 and 2026-02-02';
    // Each day is a day the person named: the first is no guess inside a span, whatever the days between.
    expect(said(read('requests', 'receivedOn', 'Jan 5 and Feb 2, 2026'))).toEqual(['2026-01-05', undefined, 'Jan 5 and Feb 2, 2026', [['date_range', `Received: ${days}; used the first, 2026-01-05`, undefined]]]);
    expect(said(read('requests', 'dueOn', 'Jan 5 and Feb 2, 2026'))).toEqual(['2026-02-02', undefined, 'Jan 5 and Feb 2, 2026', [['date_range', `Due: ${days}; used the last, 2026-02-02`, undefined]]]);
    expect(read('roadmap', 'targetOn', 'Mar. 3 & 10, 2026').value).toBe('2026-03-10');
    // A span's two ends hold two days; a third is named in the warning and kept in the notes.
    expect(said(read('milestones', 'date', 'Apr 7, 14 & 21, 2026'))).toEqual(['2026-04-07', '2026-04-21', 'Apr 7, 14 & 21, 2026', [['date_range', 'Date: "Apr 7, 14 & 21, 2026" names 3 separate days, not a span: 2026-04-07, 2026-04-14 and 2026-04-21; dated by the first and ended by the last, so its status waits for the last day', undefined]]]);
    expect(read('workplan', 'startOn', '3/3 & 3/10/2026').note).toBeUndefined();
    // A run is a span, said as before.
    expect(said(read('milestones', 'date', 'Mar. 3-10, 2026'))).toEqual(['2026-03-03', '2026-03-10', undefined, []]);
  });

  it('reads "Week of Mar 9" as "Mar 9-13" is read: a start takes the day written, a due, target or end date the Friday', () => {
    for (const text of ['Week of 3/9/2026', 'Wk of Mar 9, 2026', 'Mar 9-13, 2026']) {
      expect([read('workplan', 'startOn', text).value, read('workplan', 'startOn', text).rangeEnd]).toEqual(['2026-03-09', '2026-03-13']);
      expect([read('milestones', 'date', text).value, read('milestones', 'date', text).rangeEnd]).toEqual(['2026-03-09', '2026-03-13']);
      for (const [table, field] of [['workplan', 'endOn'], ['roadmap', 'targetOn'], ['requests', 'dueOn']] as const) expect(read(table, field, text).value).toBe('2026-03-13');
      expect(read('requests', 'receivedOn', text).value).toBe('2026-03-09');
    }
    expect(read('requests', 'dueOn', 'Week of 3/9/2026').issues.map((i) => i.message)).toEqual(['Due: read "Week of 3/9/2026" as 2026-03-09 to 2026-03-13 (a week of work, Monday to Friday); used its end, 2026-03-13']);
  });
});

describe('text', () => {
  it('trims, and keeps a text longer than 5,000 characters as its start with a marker, warning', () => {
    expect(read('workplan', 'task', '  Draft the worksheet  ')).toEqual({ value: 'Draft the worksheet', issues: [] });
    expect(read('workplan', 'notes', 'x'.repeat(5000)).issues).toEqual([]);
    const long = read('workplan', 'notes', `${'word '.repeat(8000)}end`);
    expect(codes(long)).toEqual(['warning:too_long']);
    expect(long.issues[0]!.message).toBe('Notes: 40,003 characters, more than the 5,000 a field keeps; stored its start, marked as clipped');
    expect(String(long.value).length).toBeLessThanOrEqual(5000);
    // Ended between words.
    expect(long.value).toMatch(/^word word .* word … \[clipped: 40,003 characters in all\]$/);
  });
});

describe('blank cells', () => {
  it('are nothing, or text that is only whitespace, Unicode spaces included', () => {
    for (const v of [null, undefined, '', ' ', '\t\n', '\u00a0', '\u3000', '\ufeff', ' \u2028 ']) expect(isBlankCell(v), JSON.stringify(v)).toBe(true);
    for (const v of ['x', ' x', '\u00a0x', 'x\u00a0', '~', '0', 0, false, new Date(0)]) expect(isBlankCell(v), String(v)).toBe(false);
  });

  it('are exactly the text that trims to nothing', () => {
    const text = fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\ufeff', 'a', '!', '\u0085', '\u007f', '\u001f') });
    fc.assert(fc.property(text, (s) => isBlankCell(s) === (s.trim() === '')), { numRuns: 2000 });
  });
});

describe('invalid Date objects (a corrupt workbook cell)', () => {
  it('are a clear error naming the column in every kind of column, never a thrown RangeError', () => {
    const invalid = new Date(Number.NaN);
    for (const [table, field] of [['requests', 'receivedOn'], ['requests', 'estimatedHours'], ['workplan', 'percentComplete'], ['workplan', 'partnership'], ['requests', 'requesterOrg'], ['requests', 'notes']] as const) {
      const r = read(table, field, invalid);
      expect(r.value).toBeNull();
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ field, severity: 'error' });
      expect(r.issues[0].message).toMatch(new RegExp(`^${column(table, field).header}: .*invalid date`));
    }
  });
});

describe('a date cell past the years a date has (a typed 20026, a negative year)', () => {
  it.each([[20026, 'Due'], [-5, 'Due']])('the year %s is an error naming the column and the year, not a malformed day that read "expected a date as YYYY-MM-DD"', (year, header) => {
    const cell = new Date(Date.UTC(2026, 2, 1));
    cell.setUTCFullYear(year);
    const r = read('requests', 'dueOn', cell);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([['error', 'not_a_date', `${header}: the cell holds a date in the year ${year}, which no spreadsheet date has (they run from 1 to 9999); check the year`]]);
  });

  it('keeps a date of the year 9999, the last a spreadsheet shows', () => {
    expect(read('requests', 'dueOn', new Date(Date.UTC(9999, 11, 31)))).toEqual({ value: '9999-12-31', issues: [] });
  });
});
