// Milestone calendars (and roadmaps): dated events, their teams, and the city-partnership flag.
import { milestoneStatus, milestoneStatusFormula } from '../status/milestone-status';
import type { DerivedColumn, TableDef } from './column';

export const MILESTONE_PALETTE = { Done: 'good', Upcoming: 'neutral', 'Due this week': 'warn', Missed: 'bad', 'No date yet': 'neutral' } as const;

export function milestoneDerived(dateField: string, endField?: string): DerivedColumn {
  return {
    name: 'derivedStatus', header: 'Derived status', type: 'text', width: 14,
    formula: (c) => milestoneStatusFormula({ date: c.ref(dateField), endOn: endField ? c.ref(endField) : undefined, status: c.ref('status'), today: c.today }),
    compute: (r, rules, asOf) => milestoneStatus({ date: r[dateField], endOn: endField ? r[endField] : undefined, status: r.status }, rules, asOf),
    palette: MILESTONE_PALETTE,
  };
}

export const milestonesTable: TableDef = {
  name: 'milestones',
  sheet: 'Milestones',
  noun: 'milestone',
  columns: [
    { name: 'milestoneId', header: 'Milestone ID', aliases: ['ID', '#'], type: 'id', width: 12 },
    { name: 'date', header: 'Date', aliases: ['Start', 'Date(s)', 'When', 'Target date'], type: 'date', keptWhenBlank: 'kept with the status "No date yet"', rangeEnd: 'endOn', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'endOn', header: 'End date', aliases: ['End', 'Until', 'Through'], type: 'date', width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'milestone', header: 'Milestone', aliases: ['Event', 'Activity', 'Description', 'Deliverable'], type: 'longtext', required: true, width: 44 },
    { name: 'team', header: 'Team', aliases: ['Lead', 'Owner', 'Department', 'Responsible'], type: 'text', fillDown: true, width: 20 },
    { name: 'partnership', header: 'City partnership', aliases: ['Partnership', 'City partnership opportunity', 'Partnership opportunity'], type: 'boolean', list: 'yesNo', width: 11 },
    { name: 'status', header: 'Status', aliases: ['State', 'Progress'], type: 'choice', list: 'progressStatus', width: 13 },
  ],
  derived: [milestoneDerived('date', 'endOn')],
};
