// How schedules and scheduled runs read in the sidebar: who, how often, when, and what happened.
import type { ScheduledRun, ScheduleView } from '../core/views';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'an unknown time' : d.toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
};

export const everyText = (hours: number) => (hours === 0 ? 'Only when I click Sync now' : hours === 1 ? 'Every hour' : `Every ${hours} hours`);

const person = (who: string) => who || 'a collaborator whose address Google keeps private';

/** "Last scheduled sync (Mar 3, 2026, 9:05 AM, ann@…'s schedule) failed: …"; one that waited for loading cells says so. */
export function runText(run: ScheduledRun): string {
  // Excel never says who ran it, nor Google always: the schedule may be the reader's own.
  const head = `Last scheduled sync (${when(run.at)}, ${run.who ? `${run.who}'s schedule` : "someone's schedule"})`;
  return `${head} ${run.ok ? 'worked' : run.waitingSince ? 'waited' : 'failed'}: ${run.message}`;
}

/** How a run's line looks: a failure stands out; a run that worked, or waited for loading cells, does not alarm. */
export const runLook = (run: ScheduledRun) => ({ class: run.ok ? 'hint' : run.waitingSince ? 'notice waiting' : 'notice' });

/** The others who sync this document (`document`, in the host's word) on a schedule of their own. */
export function othersText(schedule: ScheduleView, document: string): string {
  if (schedule.others.length === 0) return `Nobody else has set a schedule for this ${document}.`;
  const list = schedule.others.map((o) => `${person(o.who)} (${everyText(o.everyHours).toLowerCase()}${o.since ? `, since ${when(o.since)}` : ''})`);
  return `Also on a schedule here: ${list.join('; ')}. Only they can change theirs.`;
}
