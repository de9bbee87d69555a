// Work plans: goals × phases × tasks with owners, timelines, targets and a status legend.
import { workplanStatus, workplanStatusFormula, type WorkplanDerived } from '../status/workplan-status';
import type { Tone } from '../workbook-plan';
import { defineTable, derivedColumn } from './column';

export const workplanTable = defineTable({
  name: 'workplan',
  sheet: 'Work plan',
  noun: 'work-plan item',
  identifiedBy: ['task'],
  columns: [
    { name: 'itemId', header: 'Item ID', aliases: ['ID', '#', 'Item #', 'Item number'], type: 'id', width: 9 },
    { name: 'goal', header: 'Goal', aliases: ['Goal area', 'Strategy', 'Objective'], type: 'text', fillDown: true, width: 30 },
    { name: 'phase', header: 'Phase', aliases: ['Stage', 'Year', 'GARE stage', 'Framework'], type: 'text', fillDown: true, numberedAs: 'Phase', width: 12 },
    { name: 'task', header: 'Task', aliases: ['Action', 'Activity', 'Tasks', 'Item', 'Item description', 'Deliverable', 'Task name'], type: 'longtext', required: true, width: 48 },
    { name: 'lead', header: 'Lead', aliases: ['Owner', 'Responsible', 'Lead(s)', 'Who', 'Assigned to', 'Assignee'], type: 'text', namedAbove: true, width: 20 },
    { name: 'startOn', header: 'Start', aliases: ['Start date', 'Begin', 'From'], type: 'date', workStart: true, rangeEnd: 'endOn', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'endOn', header: 'End', aliases: ['End date', 'Finish', 'To', 'Due', 'Due date', 'Target date', 'Completion date', 'Target completion'], type: 'date', deadline: true, notBefore: 'startOn', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'target', header: 'Target', aliases: ['Goal (number)', 'Target value', 'Measure'], type: 'number', unitField: 'unit', planned: true, width: 10, numFmt: '0' },
    { name: 'actual', header: 'Actual', aliases: ['Actual value', 'Achieved', 'To date'], type: 'number', unitField: 'unit', width: 10, numFmt: '0' },
    { name: 'unit', header: 'Unit', aliases: ['Units', 'Unit of measure', 'Target unit', 'Measured in'], type: 'text', width: 14, help: 'What Target and Actual count: hours, plans, % of departments. Figures of different units are never added.' },
    { name: 'percentComplete', header: '% complete', aliases: ['Percent complete', 'Progress', '% done', 'Complete %'], type: 'percent', help: 'Share complete (0.5 or 50%)', width: 11, numFmt: '0%' },
    { name: 'status', header: 'Status', aliases: ['Progress status', 'State', 'Task status'], type: 'choice', list: 'workplanStatus', ticked: 'Completed', whenDone: 'endOn', width: 13,
      whenAbsent: 'items are taken as not started unless their % complete says otherwise, so one past its start reads "Late start" and one past its end "Overdue"' },
    { name: 'partnership', header: 'City partnership', aliases: ['Partnership', 'Partnership opportunity', 'City partnership opportunity', 'Community partnership'], type: 'boolean', list: 'yesNo', width: 12 },
    { name: 'notes', header: 'Notes', aliases: ['Comments', 'Updates'], type: 'longtext', width: 32 },
  ],
  spans: [{ header: 'Timeline', aliases: ['Timeframe', 'Time frame', 'Dates', 'Schedule', 'When'], into: ['startOn', 'endOn'] }],
  derived: [
    derivedColumn({
      name: 'derivedStatus', header: 'Derived status', type: 'text', width: 20,
      inputs: ['status', 'startOn', 'endOn', 'percentComplete'],
      formula: workplanStatusFormula,
      compute: workplanStatus,
      palette: {
        Complete: 'good', 'On track': 'good', 'In progress (early)': 'good', 'Not started (scheduled)': 'neutral', 'In progress (no %)': 'neutral',
        'At risk': 'warn', 'Late start': 'warn', Overdue: 'bad', 'No dates': 'neutral', Stopped: 'neutral', 'On hold': 'neutral',
      } satisfies Record<WorkplanDerived, Tone>,
    }),
  ],
});
