// Work plans exported from planning tools the Sheets add-on does not know (its bundle has no room for them), shaped as
// the tools write them: Trello's card export, ClickUp's task CSV (days as milliseconds beside their text), a GitHub
// project's view and Microsoft Project's task table with its Outline Level. Import keeps every task a person wrote.
import { writeFile } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from './workbook-files';

const backends = storeBackends('ingest_tool_exports');
const files = tempFolder('tool-exports');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

async function imported(name: string, lines: string[]) {
  const store = await backends[0].open();
  const source = (await store.createPrincipal({ kind: 'source', name, sourceKind: 'file' })).principal.id;
  const file = files.path(name);
  await writeFile(file, lines.join('\r\n'));
  const r = await importWorkbook(store, { file, sourceId: source, at: new Date(Date.UTC(2026, 11, 7)) });
  const rows: Record<string, unknown>[] = [];
  for await (const row of store.rows('workplan', { sourceIds: [source] })) rows.push(Object.fromEntries(Object.entries(row.values).filter(([, v]) => v !== null)));
  return { r, rows: rows.sort((a, b) => String(a.task).localeCompare(String(b.task))) };
}

test("Trello: a card's name is the task, its list the phase, its members the lead; a card marked complete is Completed", async () => {
  const { r, rows } = await imported('trello.csv', [
    'Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,Attachment Count,Attachment Links,Checklist Item Total Count,Checklist Item Completed Count,Vote Count,Comment Count,Last Activity Date,List ID,List Name,Board ID,Board Name,Archived,Start Date,Due Complete',
    '64a1c2f0e1b2c3d4e5f60001,Host a community leaders forum,https://trello.com/c/Ab1,Review and finalize the recommendations,"Structural Equity Alignment (green), Community (red)",Tam Nguyen,2027-08-31T17:00:00.000Z,0,,4,1,0,2,2026-11-30T18:00:00.000Z,64a1c2f0e1b2c3d4e5f6aaaa,Phase 1,64a1c2f0e1b2c3d4e5f6bbbb,Racial Equity Work Plan,false,2026-02-02T17:00:00.000Z,false',
    '64a1c2f0e1b2c3d4e5f60002,Align equity GIS datasets,https://trello.com/c/Ab2,,Structural Equity Alignment (green),"Maria Lee, Ana Ortiz",2026-06-30T17:00:00.000Z,0,,0,0,0,0,2026-06-30T18:00:00.000Z,64a1c2f0e1b2c3d4e5f6aaaa,Phase 1,64a1c2f0e1b2c3d4e5f6bbbb,Racial Equity Work Plan,false,,true',
    '64a1c2f0e1b2c3d4e5f60003,Develop a racial equity ordinance,https://trello.com/c/Ab3,,,,2027-12-31T17:00:00.000Z,0,,0,0,0,0,2026-10-01T18:00:00.000Z,64a1c2f0e1b2c3d4e5f6cccc,Phase 2,64a1c2f0e1b2c3d4e5f6bbbb,Racial Equity Work Plan,true,,false',
  ]);
  expect(r.rejected).toEqual([]);
  expect(rows).toEqual([
    { itemId: '64a1c2f0e1b2c3d4e5f60002', task: 'Align equity GIS datasets', phase: 'Phase 1', lead: 'Maria Lee, Ana Ortiz', endOn: '2026-06-30', status: 'Completed', notes: 'Labels: Structural Equity Alignment (green)' },
    { itemId: '64a1c2f0e1b2c3d4e5f60003', task: 'Develop a racial equity ordinance', phase: 'Phase 2', endOn: '2027-12-31', notes: 'Archived: true' },
    {
      itemId: '64a1c2f0e1b2c3d4e5f60001', task: 'Host a community leaders forum', phase: 'Phase 1', lead: 'Tam Nguyen', startOn: '2026-02-02', endOn: '2027-08-31',
      notes: 'Review and finalize the recommendations\nLabels: Structural Equity Alignment (green), Community (red)',
    },
  ]);
  expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^Trello's own columns \(Card URL, .*Board Name.*\) are not part of Work plan; ignored$/));
  expect(r.warnings.map((w) => w.message)).toContainEqual('no Status column: row 3 read as "Completed", as Trello\'s Due Complete is "true": the others are judged by their dates');
});

test("ClickUp: every task kept, its days read from the text ClickUp writes beside its milliseconds, its list the goal", async () => {
  const { r, rows } = await imported('clickup.csv', [
    'Task ID,Task Link,Task Type,Task Name,Task Content,Status,Date Created,Date Created Text,Due Date,Due Date Text,Start Date,Start Date Text,Parent ID,Subtasks IDs,Assignees,Tags,Priority,List Name,Folder Name/Path,Space Name,Time Estimated,Time Estimated Text,Checklists,Comments',
    '86b1x,https://app.clickup.com/t/86b1x,Task,Host a community leaders forum,Review and finalize the recommendations,in progress,1767225600000,"1/1/2026, 12:00 AM PST",1819929600000,"8/31/2027, 5:00 PM PDT",1770019200000,"2/2/2026, 9:00 AM PST",null,[],[Tam Nguyen],forum,high,Structural Equity Alignment,Work plan 2026,Racial Equity,,,[],[]',
    '86b1y,https://app.clickup.com/t/86b1y,Task,Align equity GIS datasets,,complete,1767225600000,"1/1/2026, 12:00 AM PST",1782777600000,"6/30/2026, 5:00 PM PDT",1770019200000,"2/2/2026, 9:00 AM PST",null,[],"[Maria Lee, Ana Ortiz]",,normal,Structural Equity Alignment,Work plan 2026,Racial Equity,,,[],[]',
    '86b1z,https://app.clickup.com/t/86b1z,Task,Establish engagement standards,,to do,1767225600000,"1/1/2026, 12:00 AM PST",1798675200000,"12/31/2026, 5:00 PM PST",,,null,[],[],,,Equitable City–Community Partnership,Work plan 2026,Racial Equity,,,[],[]',
  ]);
  expect(r.rejected).toEqual([]);
  expect(r.warnings.filter((w) => w.row > 1 && w.field !== 'status')).toEqual([]);
  expect(rows).toEqual([
    { itemId: '86b1y', task: 'Align equity GIS datasets', goal: 'Structural Equity Alignment', lead: '[Maria Lee, Ana Ortiz]', startOn: '2026-02-02', endOn: '2026-06-30', status: 'Completed', notes: 'Priority: normal' },
    { itemId: '86b1z', task: 'Establish engagement standards', goal: 'Equitable City–Community Partnership', endOn: '2026-12-31', status: 'Not started' },
    {
      itemId: '86b1x', task: 'Host a community leaders forum', goal: 'Structural Equity Alignment', lead: '[Tam Nguyen]', startOn: '2026-02-02', endOn: '2027-08-31', status: 'In progress',
      notes: 'Review and finalize the recommendations\nTags: forum\nPriority: high',
    },
  ]);
});

test('GitHub Projects: Backlog and Ready are not started, In review in progress; assignees the lead, a milestone the phase', async () => {
  const { r, rows } = await imported('github.csv', [
    'Title,URL,Assignees,Status,Labels,Linked pull requests,Milestone,Repository,Start date,Target date,Priority',
    'Host a community leaders forum,https://github.com/city/equity/issues/1,tnguyen,In review,forum,,Phase 1,city/equity,2026-02-02,2027-08-31,P1',
    'Align equity GIS datasets,https://github.com/city/equity/issues/2,"mlee, aortiz",Done,,,Phase 1,city/equity,2026-02-02,2026-06-30,P2',
    'Develop a racial equity ordinance,,,Backlog,,,,,,,',
    'Establish engagement standards,https://github.com/city/equity/issues/3,,Ready,,,Phase 1,city/equity,,2026-12-31,',
  ]);
  expect(r.rejected).toEqual([]);
  expect(rows.map((v) => [v.task, v.status, v.lead, v.phase, v.notes])).toEqual([
    ['Align equity GIS datasets', 'Completed', 'mlee, aortiz', 'Phase 1', 'Priority: P2'],
    ['Develop a racial equity ordinance', 'Not started', undefined, undefined, undefined],
    ['Establish engagement standards', 'Not started', undefined, 'Phase 1', undefined],
    ['Host a community leaders forum', 'In progress', 'tnguyen', 'Phase 1', 'Labels: forum\nPriority: P1'],
  ]);
});

test("Microsoft Project: a summary task (Outline Level 1 above level 2) is the goal of the tasks under it, not a task; Resource Names the lead", async () => {
  const { r, rows } = await imported('project.csv', [
    'ID,Task Mode,Task Name,Duration,Start,Finish,Predecessors,Resource Names,% Complete,Outline Level',
    '1,Auto Scheduled,Structural Equity Alignment,412 days,Mon 2/2/26,Tue 8/31/27,,,20%,1',
    '2,Auto Scheduled,Host a community leaders forum,412 days,Mon 2/2/26,Tue 8/31/27,,Office of Diversity & Equity,25%,2',
    '3,Auto Scheduled,Align equity GIS tool datasets,107 days,Mon 2/2/26,Tue 6/30/26,2,GIS team,100%,2',
    '4,Auto Scheduled,Institutional Accountability and Shared Governance,413 days,Mon 6/1/26,Fri 12/31/27,,,0%,1',
    '5,Auto Scheduled,Establish a Racial Equity Implementation Team,413 days,Mon 6/1/26,Fri 12/31/27,,Office of Diversity & Equity,0%,2',
    '6,Manually Scheduled,Draft plan to Council,0 days,Fri 12/31/27,Fri 12/31/27,5,,0%,2',
  ]);
  expect(r.rejected).toEqual([]);
  expect(rows.map((v) => [v.itemId, v.task, v.goal, v.lead, v.startOn, v.endOn])).toEqual([
    ['3', 'Align equity GIS tool datasets', 'Structural Equity Alignment', 'GIS team', '2026-02-02', '2026-06-30'],
    ['6', 'Draft plan to Council', 'Institutional Accountability and Shared Governance', undefined, '2027-12-31', '2027-12-31'],
    ['5', 'Establish a Racial Equity Implementation Team', 'Institutional Accountability and Shared Governance', 'Office of Diversity & Equity', '2026-06-01', '2027-12-31'],
    ['2', 'Host a community leaders forum', 'Structural Equity Alignment', 'Office of Diversity & Equity', '2026-02-02', '2027-08-31'],
  ]);
  expect(r.warnings.map((w) => w.message).join('\n')).toContain("Microsoft Project's own columns");
});

test('Notion: Assignee is the lead, a date range written with an arrow the start and end', async () => {
  const { r, rows } = await imported('notion.csv', [
    'Name,Status,Assignee,Dates,Goal,Tags',
    'Host a community leaders forum,In progress,Tam Nguyen,"February 2, 2026 → August 31, 2027",Structural Equity Alignment,"Forum, Community"',
    'Develop an Equity Evaluation Framework,Not started,,"September 1, 2026 → December 31, 2027",Learning that Drives Systems Change,',
  ]);
  expect(r.rejected).toEqual([]);
  expect(rows.map((v) => [v.task, v.lead, v.startOn, v.endOn, v.status])).toEqual([
    ['Develop an Equity Evaluation Framework', undefined, '2026-09-01', '2027-12-31', 'Not started'],
    ['Host a community leaders forum', 'Tam Nguyen', '2026-02-02', '2027-08-31', 'In progress'],
  ]);
});

test("a plan in the columns Planner's import takes (Bucket Name, Progress, Checklist Items) keeps its buckets as phases and its progress as the status", async () => {
  const { r, rows } = await imported('planner.csv', [
    'Task Name,Bucket Name,Progress,Priority,Assigned To,Start Date,Due Date,Notes,Checklist Items',
    'Host a community leaders forum,Phase 1,In progress,Important,Tam Nguyen,2026-02-02,2027-08-31,Review recommendations,',
    'Develop a racial equity ordinance,Phase 2,Not started,Medium,,2027-01-04,2027-12-31,,',
  ]);
  expect(r.rejected).toEqual([]);
  expect(rows.map((v) => [v.task, v.phase, v.status, v.notes])).toEqual([
    ['Develop a racial equity ordinance', 'Phase 2', 'Not started', undefined],
    ['Host a community leaders forum', 'Phase 1', 'In progress', 'Review recommendations\nPriority: Important'],
  ]);
});

test("Excel's Gantt chart template: its phase rows group the tasks, and its last line (Insert new rows ABOVE this one) is no task", async () => {
  const store = await backends[0].open();
  const source = (await store.createPrincipal({ kind: 'source', name: 'Gantt', sourceKind: 'file' })).principal.id;
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 1, 2 + i)));
  const file = await writeWorkbook(files.path('gantt.xlsx'), [{
    name: 'ProjectSchedule',
    rows: [
      ['Racial Equity Work Plan'], ['Office of Diversity & Equity'], ['Project lead: Tam Nguyen'],
      [null, null, 'Project start:', d('2026-02-02')], [null, null, 'Display week:', 1],
      [null, null, null, null, null, null, null, ...days],
      ['TASK', 'ASSIGNED\nTO', 'PROGRESS', 'START', 'END', null, null, 'M', 'T', 'W', 'T', 'F', 'S', 'S'],
      ['Phase 1 Title'],
      ['Host a community leaders forum', 'Tam Nguyen', 0.25, d('2026-02-02'), d('2027-08-31')],
      ['Phase 2 Title'],
      ['Develop and present a racial equity ordinance', 'Ana Ortiz', 0, d('2027-01-04'), d('2027-12-31')],
      ['Insert new rows ABOVE this one'],
    ],
  }]);
  const r = await importWorkbook(store, { file, sourceId: source, at: new Date(Date.UTC(2026, 11, 7)) });
  expect(r.rejected).toEqual([]);
  const tasks = [];
  for await (const row of store.rows('workplan', { sourceIds: [source] })) tasks.push([row.values.phase, row.values.task]);
  expect(tasks.sort()).toEqual([['Phase 1 Title', 'Host a community leaders forum'], ['Phase 2 Title', 'Develop and present a racial equity ordinance']]);
  expect(r.warnings).toContainEqual(expect.objectContaining({ row: 12, message: 'this row is a note under the table ("Insert new rows ABOVE this one"); not read as a row' }));
});

test("Notion: a milestone calendar database, headed by its title property (Name), is read as milestones and none is lost", async () => {
  const store = await backends[0].open();
  const source = (await store.createPrincipal({ kind: 'source', name: 'Notion', sourceKind: 'file' })).principal.id;
  const file = files.path('Milestones 9b30b13b97a74acda7dd1f152937e173.csv');
  await writeFile(file, [
    'Name,Date,Team,Status,City partnership opportunity,Tags',
    'Community leaders forum,"March 15, 2026",Office of Diversity & Equity,Done,Yes,Forum',
    'Equity study listening sessions,"April 7, 2026 → April 21, 2026",Research,In progress,Yes,',
    'Ordinance first reading,,Council staff,Not started,No,',
  ].join('\n'));
  const r = await importWorkbook(store, { file, sourceId: source, at: new Date(Date.UTC(2026, 11, 7)) });
  expect(r.unreadable).toEqual([]);
  expect(r.rejected).toEqual([]);
  const milestones = [];
  for await (const row of store.rows('milestones', { sourceIds: [source] })) milestones.push([row.values.milestone, row.values.date, row.values.endOn, row.values.team, row.values.partnership]);
  expect(milestones.sort()).toEqual([
    ['Community leaders forum', '2026-03-15', null, 'Office of Diversity & Equity', true],
    ['Equity study listening sessions', '2026-04-07', '2026-04-21', 'Research', true],
    ['Ordinance first reading', null, null, 'Council staff', false],
  ]);
});
