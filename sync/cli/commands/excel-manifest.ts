// `excel-manifest --url https://HOST [--out FILE.xml] [--id GUID]`: renders the Excel add-in's XML
// manifest for a deployment, to stdout or a file.
import { isErrorType } from '../../../shared/typed-error';
import { ManifestError, renderExcelManifest } from '../../addin/excel-manifest';
import { CliError, type Command } from '../command';
import { writeOutFile } from '../out-file';

export const excelManifestCommand: Command = {
  name: 'excel-manifest',
  summary: "render the Excel add-in's XML manifest for the service at --url (sideload it, or upload it in the Microsoft 365 admin center)",
  usage: 'excel-manifest --url https://HOST [--out FILE.xml] [--id GUID]',
  options: {
    url: { type: 'string', value: 'https://HOST', help: 'the service\'s public address, which serves the add-in\'s files' },
    out: { type: 'string', value: 'FILE.xml', help: 'write the manifest to this file (default: print it)' },
    id: { type: 'string', value: 'GUID', help: 'the add-in\'s id (default: one derived from --url, the same each time)' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    if (typeof values.url !== 'string' || values.url.trim() === '') throw new CliError("missing --url https://HOST (the service's public https address)");
    let manifest: string;
    try {
      manifest = renderExcelManifest({ url: values.url.trim(), id: typeof values.id === 'string' ? values.id.trim() : undefined });
    } catch (e) {
      if (isErrorType(e, ManifestError)) throw new CliError(e.message);
      throw e;
    }
    if (typeof values.out !== 'string') {
      io.out(manifest.trimEnd());
      return 0;
    }
    await writeOutFile(values.out, manifest);
    io.out(`Wrote the Excel add-in manifest for ${values.url.trim()} to ${values.out}.`);
    return 0;
  },
};
