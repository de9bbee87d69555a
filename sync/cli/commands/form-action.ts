// What the `form` actions share: their shape, and where requesters reach the service. Apart from form.ts,
// which loads the actions, so they need not import it back.
import type { Config } from '../../config';
import type { CommandIo } from '../command';

export type FormAction = (args: { words: string[]; values: Record<string, string | boolean | undefined> }, io: CommandIo) => Promise<number>;

/** Where requesters reach the service: EQUITY_DESK_PUBLIC_URL, else the address `serve` listens on. */
export const formBaseUrl = (config: Config) => config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
