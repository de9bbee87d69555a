// The TA requests log: intake, triage, fulfillment and follow-up of technical-assistance requests.
import { ageBucket, ageBucketFormula, daysOpen, daysOpenFormula, followUpDue, followUpDueFormula, isFulfilledStatus, requestClosedOn, requestDoneDated, requestDoneOn, slaDue, slaDueFormula, slaState, slaStateFormula, type SlaState } from '../status/request-status';
import type { Tone } from '../workbook-plan';
import { priorityReasonFormula, suggestPriority, suggestedPriorityFormula } from '../status/priority';
import { defineTable, derivedColumn } from './column';

const DATE = 'yyyy-mm-dd';

export const requestsTable = defineTable({
  name: 'requests',
  sheet: 'Requests',
  noun: 'request',
  identifiedBy: ['requesterOrg', 'receivedOn', 'description'],
  doneOn: requestDoneOn,
  doneDated: requestDoneDated,
  closedOn: requestClosedOn,
  lifecycleFields: ['status', 'fulfilledOn'],
  columns: [
    { name: 'requestId', header: 'Request ID', aliases: ['ID', 'Ticket', 'Ticket number', 'Request number', 'Request no', 'Req #', 'Case #', 'Case no', 'Case number', 'TA #', 'TA number', 'Ref #', 'Reference number', 'Tracking number'], type: 'id', width: 14 },
    { name: 'receivedOn', header: 'Received', aliases: ['Received on', 'Date received', 'Request date', 'Date', 'Submitted', 'Requested on', 'Date requested', 'Submitted on', 'Timestamp'], type: 'date', keptWhenBlank: 'kept, but not counted by month and with no SLA until a date is entered', width: 12, numFmt: DATE },
    { name: 'requesterOrg', header: 'Requesting organization', aliases: ['Organization', 'Organisation', 'Agency', 'Requester', 'Requester org', 'Entity', 'Jurisdiction', 'Agency name', 'Organization name', 'Requesting agency'], type: 'text', required: true, width: 28, intake: { label: 'Your organization', hint: 'The agency, office, city, county or group asking for help.', required: true, autocomplete: 'organization' } },
    { name: 'requesterType', header: 'Requester type', aliases: ['Type of requester', 'Entity type', 'Org type', 'Organization type', 'Agency type'], type: 'choice', list: 'requesterType', triage: true, width: 18, intake: { label: 'Type of organization' } },
    { name: 'requesterRole', header: 'Requester role', aliases: ['Role', 'Contact role'], type: 'choice', list: 'requesterRole', width: 18 },
    { name: 'contactName', header: 'Contact name', aliases: ['Contact', 'Name', 'Requested by', 'Point of contact', 'Contact person'], type: 'text', width: 20, intake: { label: 'Your name', required: true, autocomplete: 'name' } },
    { name: 'contactEmail', header: 'Contact email', aliases: ['Email', 'E-mail'], type: 'email', width: 43, intake: { label: 'Your email', hint: 'We reply to this address.', required: true, autocomplete: 'email' } },
    { name: 'preferredChannel', header: 'Preferred channel', aliases: ['Preferred contact', 'Contact preference', 'Preferred contact method'], type: 'choice', list: 'contactPreference', formerList: 'channel', width: 14, intake: { label: 'How would you like us to work with you?' } },
    { name: 'channel', header: 'Channel', aliases: ['How received', 'Intake channel', 'Received via'], type: 'choice', list: 'channel', width: 12 },
    { name: 'origin', header: 'Origin', aliases: ['Reactive/proactive', 'Responsive or proactive', 'Request origin'], type: 'choice', list: 'origin', width: 11 },
    { name: 'category', header: 'Category', aliases: ['TA category', 'Type of TA', 'Type of assistance', 'Topic', 'Request type'], type: 'choice', list: 'category', triage: true, width: 24, intake: { label: 'What kind of help do you need?' } },
    { name: 'frameworkArea', header: 'Framework area', aliases: ['Framework', 'Focus area', 'Goal area'], type: 'choice', list: 'frameworkArea', openList: true, width: 18 },
    { name: 'description', header: 'Description', aliases: ['Request', 'Details', 'Summary', 'Request description'], type: 'longtext', width: 40, intake: { label: 'Your request', hint: 'What you are working on, what you need from us, and any deadline behind it.', required: true } },
    { name: 'priority', header: 'Priority', type: 'choice', list: 'priority', triage: true, width: 10 },
    { name: 'status', header: 'Status', aliases: ['Request status', 'State'], type: 'choice', list: 'requestStatus', triage: true, width: 14,
      whenAbsent: 'requests are taken as open unless they have a Fulfilled date, so they count in the backlog and their SLA runs' },
    { name: 'assignee', header: 'Assignee', aliases: ['Assigned to', 'Owner', 'Staff', 'Lead'], type: 'choice', list: 'assignee', openList: true, triage: true, width: 16 },
    { name: 'dueOn', header: 'Due', aliases: ['Due date', 'Due on', 'Deadline', 'Needed by', 'Target completion'], type: 'date', deadline: true, wordsFrom: 'receivedOn', readAfter: 'receivedOn', help: 'The agreed due date; blank: received plus the SLA days of the priority', triage: true, width: 12, numFmt: DATE, intake: { label: 'Needed by (optional)', hint: 'A date, if your request has a deadline.' } },
    { name: 'followUpOn', header: 'Follow-up on', aliases: ['Follow up', 'Follow-up date', 'Follow up date'], type: 'date', readAfter: 'receivedOn', triage: true, width: 12, numFmt: DATE },
    { name: 'estimatedHours', header: 'Estimated hours', aliases: ['Estimate', 'Est. hours', 'Hours estimated', 'Est. hrs', 'Estimated hrs'], type: 'number', nonNegative: true, inHours: true, planned: true, width: 11, numFmt: '0.0' },
    { name: 'hoursSpent', header: 'Hours spent', aliases: ['Hours', 'Actual hours', 'Time spent'], type: 'number', nonNegative: true, inHours: true, width: 10, numFmt: '0.0' },
    { name: 'fulfilledOn', header: 'Fulfilled', aliases: ['Fulfilled on', 'Date fulfilled', 'Completed', 'Completed on', 'Closed on', 'Date completed', 'Date closed'], type: 'date', notBefore: 'receivedOn', width: 12, numFmt: DATE,
      assumedWhenBlank: {
        applies: (values) => isFulfilledStatus(values.status),
        assumed: 'counted as fulfilled on the day the service first saw the request done, so its days to fulfill and SLA run to that day; if it was already done when the service first read it, that day is not known and it counts in neither; enter the day it was fulfilled',
        absent: 'fulfilled requests count as done on the day the service first saw them, so their days to fulfill and SLA run to that day (those already done when it first read them, on a day not known, count in neither); add a Fulfilled column to record the day',
      } },
    { name: 'outcome', header: 'Outcome', aliases: ['Result', 'Follow-up outcome'], type: 'choice', list: 'outcome', survey: true, width: 24 },
    { name: 'satisfaction', header: 'Satisfaction (1-5)', aliases: ['Satisfaction', 'Rating', 'Feedback score'], type: 'rating', survey: true, width: 13, numFmt: '0' },
    { name: 'feedbackComment', header: 'Feedback comment', aliases: ['Requester comment', 'Survey comment', 'Feedback'], type: 'longtext', survey: true, width: 32 },
    // The requester's own yes or no, beside the office's Outcome rather than written into it: both are kept, and a
    // request counts once in "Action plans adopted" when either says so (decision 010, 2026-12-06). No dropdown: the
    // survey fills it, and a dropdown is one more host call for every sync that adds rows.
    { name: 'actionPlanAdopted', header: 'Plan adopted (requester)', aliases: ['Action plan adopted (requester)', 'Requester: plan adopted', 'Plan adopted'], type: 'boolean', survey: true, width: 12 },
    { name: 'notes', header: 'Notes', aliases: ['Comments'], type: 'longtext', width: 32 },
  ],
  derived: [
    derivedColumn({
      name: 'daysOpen', header: 'Days open', type: 'number', width: 9, numFmt: '0',
      inputs: ['receivedOn', 'status', 'fulfilledOn'],
      formula: daysOpenFormula,
      compute: (v, _rules, asOf) => daysOpen(v, asOf),
    }),
    derivedColumn({
      name: 'slaDue', header: 'SLA due', type: 'date', width: 12, numFmt: DATE,
      inputs: ['receivedOn', 'priority', 'dueOn'],
      formula: slaDueFormula,
      compute: slaDue,
    }),
    derivedColumn({
      name: 'slaState', header: 'SLA', type: 'text', width: 10,
      inputs: ['receivedOn', 'priority', 'status', 'dueOn', 'fulfilledOn'],
      uses: ['slaDue'],
      formula: (r) => slaStateFormula({ ...r, due: r.slaDue }),
      compute: slaState,
      palette: { 'On time': 'good', Met: 'good', 'Due soon': 'warn', Overdue: 'bad', Missed: 'bad' } satisfies Record<SlaState, Tone>,
    }),
    derivedColumn({
      name: 'ageBucket', header: 'Age', type: 'text', width: 12,
      inputs: ['receivedOn', 'status', 'fulfilledOn'],
      uses: ['daysOpen'],
      formula: (r) => ageBucketFormula({ ...r, days: r.daysOpen }),
      compute: ageBucket,
    }),
    derivedColumn({
      name: 'followUpDue', header: 'Follow-up due', type: 'date', width: 12, numFmt: DATE,
      inputs: ['followUpOn', 'fulfilledOn'],
      formula: followUpDueFormula,
      compute: followUpDue,
    }),
    derivedColumn({
      name: 'suggestedPriority', header: 'Suggested priority', type: 'text', width: 11,
      inputs: ['requesterType', 'dueOn', 'receivedOn'],
      formula: suggestedPriorityFormula,
      compute: (v, rules, asOf) => suggestPriority(v, rules, asOf)?.priority ?? null,
    }),
    derivedColumn({
      name: 'priorityReason', header: 'Why this priority', type: 'text', width: 40,
      inputs: ['requesterType', 'dueOn', 'receivedOn'],
      formula: priorityReasonFormula,
      compute: (v, rules, asOf) => suggestPriority(v, rules, asOf)?.reason ?? null,
    }),
  ],
});
