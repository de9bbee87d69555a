// Milestone calendars (and roadmaps): dated events, their teams, and the city-partnership flag.
import { milestoneStatus, milestoneStatusFormula, type MilestoneDerived } from '../status/milestone-status';
import type { Tone } from '../workbook-plan';
import { defineTable, derivedColumn } from './column';

const MILESTONE_PALETTE = { Done: 'good', Upcoming: 'neutral', 'Due this week': 'warn', Missed: 'bad', 'No date yet': 'neutral', Stopped: 'neutral', 'On hold': 'neutral' } as const satisfies Record<MilestoneDerived, Tone>;

const DERIVED_STATUS = { name: 'derivedStatus', header: 'Derived status', type: 'text', width: 14, palette: MILESTONE_PALETTE } as const;

/** A milestone's status by its date, or by its end date when it spans days (EQ_MILESTONE_STATUS). */
const milestoneDerived = derivedColumn({
  ...DERIVED_STATUS,
  inputs: ['date', 'endOn', 'status'],
  formula: milestoneStatusFormula,
  compute: milestoneStatus,
});

/** A roadmap item's status by its target date: the milestone rule with no end date. */
export const targetDerived = derivedColumn({
  ...DERIVED_STATUS,
  inputs: ['targetOn', 'status'],
  formula: (r) => milestoneStatusFormula({ date: r.targetOn, status: r.status, today: r.today }),
  compute: (v, rules, asOf) => milestoneStatus({ date: v.targetOn, endOn: null, status: v.status }, rules, asOf),
});

export const milestonesTable = defineTable({
  name: 'milestones',
  sheet: 'Milestones',
  noun: 'milestone',
  identifiedBy: ['milestone', 'date'],
  columns: [
    { name: 'milestoneId', header: 'Milestone ID', aliases: ['ID', '#'], type: 'id', width: 12 },
    { name: 'date', header: 'Date', aliases: ['Start', 'Date(s)', 'When', 'Target date'], type: 'date', keptWhenBlank: 'kept with the status "No date yet"', rangeEnd: 'endOn', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'endOn', header: 'End date', aliases: ['End', 'Until', 'Through'], type: 'date', deadline: true, notBefore: 'date', help: 'The last day of a milestone that spans days; blank for one day', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'milestone', header: 'Milestone', aliases: ['Event', 'Activity', 'Description', 'Deliverable', 'Name'], type: 'longtext', required: true, width: 44 },
    { name: 'team', header: 'Team', aliases: ['Lead', 'Owner', 'Department', 'Responsible'], type: 'text', fillDown: true, width: 28 },
    { name: 'partnership', header: 'City partnership', aliases: ['Partnership', 'City partnership opportunity', 'Partnership opportunity'], type: 'boolean', list: 'yesNo', width: 12 },
    { name: 'status', header: 'Status', aliases: ['State', 'Progress', 'Done', 'Complete'], type: 'choice', list: 'progressStatus', ticked: 'Completed', whenDone: 'date', width: 13,
      whenAbsent: 'milestones are taken as not done, so one whose date has passed reads "Missed"' },
  ],
  derived: [milestoneDerived],
});
