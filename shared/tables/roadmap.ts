// Roadmaps of an association of cities: focus areas × early actions and additional strategies.
import { defineTable } from './column';
import { targetDerived } from './milestones';

export const roadmapTable = defineTable({
  name: 'roadmap',
  sheet: 'Roadmap',
  noun: 'roadmap item',
  identifiedBy: ['action'],
  columns: [
    { name: 'itemId', header: 'Item ID', aliases: ['ID', '#'], type: 'id', width: 9 },
    { name: 'focusArea', header: 'Focus area', aliases: ['Area', 'Focus', 'Theme', 'Goal'], type: 'text', fillDown: true, width: 30 },
    { name: 'kind', header: 'Kind', aliases: ['Type', 'Action type', 'Early action or strategy'], type: 'choice', list: 'roadmapKind', fillDown: true, headsColumnsOf: 'action', width: 18 },
    { name: 'action', header: 'Action', aliases: ['Strategy', 'Activity', 'Task', 'Description'], type: 'longtext', required: true, width: 48 },
    { name: 'lead', header: 'Lead', aliases: ['Owner', 'Responsible'], type: 'text', namedAbove: true, width: 18 },
    { name: 'status', header: 'Status', aliases: ['State', 'Progress', 'Done', 'Complete'], type: 'choice', list: 'progressStatus', ticked: 'Completed', whenDone: 'targetOn', width: 13,
      whenAbsent: 'items are taken as not done, so one whose target date has passed reads "Missed"' },
    { name: 'targetOn', header: 'Target date', aliases: ['Target', 'Due', 'Due date', 'By', 'Timeline', 'Timeframe', 'Time frame'], type: 'date', deadline: true, width: 12, numFmt: 'yyyy-mm-dd' },
    { name: 'notes', header: 'Notes', aliases: ['Comments'], type: 'longtext', width: 32 },
  ],
  derived: [targetDerived],
});
