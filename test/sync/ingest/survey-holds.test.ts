// A held survey answer against the row a sheet sends, as its warnings say it: in the words a person reads in the sheet.
import { describe, expect, it } from 'vitest';
import { keepSurveyAnswers } from '../../../sync/ingest/survey-holds';

const row = { requestId: 'TA-26-001', status: 'Fulfilled', actionPlanAdopted: null };

describe('survey answers held over a sheet', () => {
  it('names a yes/no answer as the sheet shows it, Yes or No, not true or false', () => {
    const kept = keepSurveyAnswers('requests', 'r1', row, () => true, [{ rowId: 'r1', field: 'actionPlanAdopted', answer: true, sheet: null }], 'sheet');
    expect(kept.values.actionPlanAdopted).toBe(true);
    expect(kept.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^Plan adopted \(requester\): the requester's survey answer \(Yes\) is kept; the sheet's cell is still blank/)]);
    const replaced = keepSurveyAnswers('requests', 'r1', { ...row, actionPlanAdopted: false }, () => true, [{ rowId: 'r1', field: 'actionPlanAdopted', answer: true, sheet: null }], 'workbook');
    expect(replaced.warnings.map((w) => w.message)).toEqual(["Plan adopted (requester): No replaces the requester's survey answer (Yes): the workbook's cell was changed since the answer came"]);
  });
});
