// Every CLI command, in the order `--help` lists them. Each loads on use: a command pulls in only its
// own libraries (exceljs, the database drivers, charts), which keeps `npx equity-desk <command>` quick.
import type { Command } from '../command';

export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', load: async () => (await import('./serve')).serveCommand },
  { name: 'template', load: async () => (await import('./template')).templateCommand },
  { name: 'source', load: async () => (await import('./source')).sourceCommand },
  { name: 'reviewer', load: async () => (await import('./reviewer')).reviewerCommand },
  { name: 'form', load: async () => (await import('./form')).formCommand },
  { name: 'status-link', load: async () => (await import('./requester-link')).statusLinkCommand },
  { name: 'feedback-link', load: async () => (await import('./requester-link')).feedbackLinkCommand },
  { name: 'import', load: async () => (await import('./import')).importCommand },
  { name: 'export', load: async () => (await import('./export')).exportCommand },
  { name: 'metrics', load: async () => (await import('./metrics')).metricsCommand },
  { name: 'publish', load: async () => (await import('./publish')).publishCommand },
  { name: 'changes', load: async () => (await import('./changes')).changesCommand },
  { name: 'report', load: async () => (await import('./report')).reportCommand },
  { name: 'excel-manifest', load: async () => (await import('./excel-manifest')).excelManifestCommand },
];
