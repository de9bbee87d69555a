// The service's publishing schedule: the master workbook published once soon after start, then again each
// interval after the previous run ended. The only timer publishing uses lives here.
import { isErrorType } from '../../shared/typed-error';
import type { MasterStore } from '../master/master-workbook';
import { reportOptions } from '../metrics/report-query';
import { PublishError } from './publish-error';
import { describePublished, publishMaster, type PublishedMaster, type PublishTarget } from './publish-master';
import { isSkipped, type Skipped } from './publish-turns';

export interface ScheduleLog {
  out(text: string): void;
  err(text: string): void;
}

export interface PublishScheduleOptions {
  everyMs: number;
  /** One publication (or a turn left to another instance); a rejection is logged and the schedule carries on. */
  publish: () => Promise<PublishedMaster | Skipped>;
  log: ScheduleLog;
  /** Also log the full text of a failure (the identity platform's trace ids and timestamps) after its one line. */
  verbose?: boolean;
  now?: () => Date;
}

export interface RunningSchedule {
  /** Cancels the next run and resolves once a run in progress has finished; nothing runs afterwards. */
  stop(): Promise<void>;
}

/** One scheduled run's work: the master workbook as of the day it runs, every source, no date filter. */
export const publishToday = (store: MasterStore, target: PublishTarget, clock: () => Date = () => new Date()) =>
  () => publishMaster(store, reportOptions({}, { clock }), target);

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Starts at once, so an operator sees within seconds whether the settings work. The next run is timed from
 * the end of the previous one, so a run slower than the interval delays the next instead of overlapping it.
 */
export function startPublishSchedule({ everyMs, publish, log, verbose = false, now = () => new Date() }: PublishScheduleOptions): RunningSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function run(): Promise<void> {
    const next = (what: string) => (stopped ? 'The service is stopping; no further runs.' : `Next ${what} at ${isoSeconds(new Date(now().getTime() + everyMs))}.`);
    let published: PublishedMaster | Skipped;
    try {
      published = await publish();
    } catch (e) {
      const code = isErrorType(e, PublishError) ? ` (${e.code})` : '';
      const message = oneLine((e as Error)?.message ?? String(e)).replace(/\.$/, '');
      log.err(`Scheduled publishing failed${code}: ${message}. ${next('try')}`);
      if (verbose && isErrorType(e, PublishError) && e.verboseText) log.err(e.verboseText);
      return;
    }
    if (isSkipped(published)) log.out(`Scheduled publishing skipped: ${published.skipped}. ${next('turn')}`);
    else log.out(`${describePublished(published)} ${next('run')}`);
  }

  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        if (!stopped) schedule(everyMs);
      });
    }, delayMs);
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) {
        log.out('Waiting for the publication in progress to finish…');
        await running;
      }
    },
  };
}
