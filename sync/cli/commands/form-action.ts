// What the `form` actions share: their shape. Apart from form.ts, which loads the actions, so they need not
// import it back.
import type { CommandIo } from '../command';

export type FormAction = (args: { words: string[]; values: Record<string, string | boolean | undefined> }, io: CommandIo) => Promise<number>;
