// The rendered Excel manifest, checked offline: well-formed (two independent parsers), the elements Office
// requires, a stable id per deployment, every URL on https under the given origin, the shared runtime and
// the EQ namespace. (`office-addin-manifest validate` needs the network: README release checklist.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, test } from 'vitest';
import { ICON_SIZES as BUILT_ICON_SIZES } from '../../../scripts/excel-build.mjs';
import { ADDIN_VERSION, EXCEL_API_VERSION, MANIFEST_ICON_SIZES, renderExcelManifest } from '../../../sync/addin/excel-manifest';
import { excelManifestCommand } from '../../../sync/cli/commands/excel-manifest';

/**
 * The version the manifest was last released as, with the SHA-256 of the manifest rendered for
 * https://desk.example.gov/equity/ with its <Version> blanked: a manifest change without a version bump fails.
 */
const RELEASED = { version: '1.0.2.0', manifestHash: '395f80e2cf8bdeaf673bcf932a7280a368c5a0c6aaa87bb3e112c6f6b99ed8d4' };

const dir = mkdtempSync(path.join(tmpdir(), 'excel-manifest-'));

/** Element names and attributes as Python's ElementTree reads them (a second, strict XML parser). */
function pythonParse(xml: string): { tags: string[]; urls: string[] } {
  const file = path.join(dir, `m-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const out = execFileSync('python3', ['-c', `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
tags, urls = [], []
for el in root.iter():
    tags.append(el.tag.split('}')[-1] + ''.join('[%s=%s]' % (k.split('}')[-1], v) for k, v in sorted(el.attrib.items()) if k.split('}')[-1] in ('type', 'Name', 'lifetime', 'MinVersion')))
    for k, v in el.attrib.items():
        if v.startswith('http'): urls.append(v)
    if el.text and el.text.strip().startswith('http'): urls.append(el.text.strip())
print(json.dumps({'tags': tags, 'urls': urls}))
`, file]).toString();
  return JSON.parse(out);
}

describe('excel-manifest', () => {
  const xml = renderExcelManifest({ url: 'https://desk.example.gov/equity/' });

  test('is well-formed and has what Office needs to install a task pane with custom functions in a shared runtime', async () => {
    const file = path.join(dir, 'manifest.xml');
    writeFileSync(file, xml);
    const info = await OfficeAddinManifest.readManifestFile(file);
    expect(info).toMatchObject({ displayName: 'Equity Desk', hosts: ['Workbook'], permissions: 'ReadWriteDocument', version: ADDIN_VERSION });
    expect(info.defaultSettings?.sourceLocation).toBe('https://desk.example.gov/equity/addin/excel/taskpane.html');
    const { tags } = pythonParse(xml);
    for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'Permissions']) {
      expect(tags).toContain(required);
    }
    expect(tags).toContain('Set[MinVersion=1.1][Name=SharedRuntime]');
    expect(tags).toContain(`Set[MinVersion=${EXCEL_API_VERSION}][Name=ExcelApi]`);
    // The EQ. functions answer with CustomFunctions.Error values (addon/excel/main.ts), which CustomFunctionsRuntime 1.2 brought.
    expect(readFileSync(new URL('../../../addon/excel/main.ts', import.meta.url), 'utf8')).toContain('new CustomFunctions.Error(');
    expect(tags).toContain('Set[MinVersion=1.2][Name=CustomFunctionsRuntime]');
    expect(tags).toContain('Runtime[lifetime=long]');
    expect(tags).toContain('ExtensionPoint[type=CustomFunctions]');
    expect(tags).toContain('Action[type=ShowTaskpane]');
    expect(xml).toContain('<bt:String id="Functions.Namespace" DefaultValue="EQ"/>');
    expect(xml).toMatch(/<Namespace resid="Functions.Namespace"\/>/);
  });

  test('puts every URL on https under the given origin, and every resid it uses is defined', () => {
    const { urls } = pythonParse(xml);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith('https://desk.example.gov/equity/')).toBe(true);
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    for (const id of used) expect(defined.has(id), id).toBe(true);
  });

  test('keeps to the manifest reference: ids, strings and URLs within their lengths, a four-part version, no AppDomain for its own origin', () => {
    const attr = (pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]);
    // Each list is counted first, so a pattern that stops matching fails here rather than checking nothing.
    const ids = attr(/\b(?:id|resid)="([^"]+)"/g);
    expect(ids).toHaveLength(36);
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(32);
    const section = (name: string) => new RegExp(`<bt:${name}>([\\s\\S]*?)</bt:${name}>`).exec(xml)?.[1] ?? '';
    const strings = (name: string) => [...section(name).matchAll(/DefaultValue="([^"]*)"/g)].map((m) => m[1]);
    expect(strings('ShortStrings')).toHaveLength(4);
    for (const text of strings('ShortStrings')) expect(text.length, text).toBeLessThanOrEqual(125);
    expect(strings('LongStrings')).toHaveLength(2);
    for (const text of strings('LongStrings')) expect(text.length, text).toBeLessThanOrEqual(250);
    expect(strings('Urls')).toHaveLength(4);
    for (const url of strings('Urls')) expect(url.length).toBeLessThanOrEqual(2048);
    expect(attr(/<DisplayName DefaultValue="([^"]*)"/g)[0].length).toBeLessThanOrEqual(125);
    expect(attr(/<Description DefaultValue="([^"]*)"/g)[0].length).toBeLessThanOrEqual(250);
    expect(attr(/<Version>([^<]+)<\/Version>/g)[0]).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    // The reference: listing the SourceLocation's own domain "has no effect and may be misleading".
    expect(xml).not.toContain('<AppDomain>');
  });

  test('a changed manifest comes with a new ADDIN_VERSION (Office keeps a cached manifest until the version changes)', () => {
    const content = createHash('sha256').update(xml.replace(/<Version>[^<]*<\/Version>/, '<Version/>')).digest('hex');
    const bump = `the manifest changed since ${RELEASED.version}: bump ADDIN_VERSION in sync/addin/excel-manifest.ts, then set RELEASED in this test to { version: '<the new version>', manifestHash: '${content}' }`;
    if (ADDIN_VERSION === RELEASED.version) expect(content, bump).toBe(RELEASED.manifestHash);
    else expect.fail(`ADDIN_VERSION is ${ADDIN_VERSION}: set RELEASED in this test to { version: '${ADDIN_VERSION}', manifestHash: '${content}' }`);
  });

  test('names only icons the build renders, the 64 px one for high-DPI screens as Office asks of a task pane add-in', () => {
    const named = [...xml.matchAll(/icon-(\d+)\.png/g)].map((m) => Number(m[1]));
    expect([...new Set(named)].sort((a, b) => a - b)).toEqual(MANIFEST_ICON_SIZES);
    expect([...BUILT_ICON_SIZES].sort((a, b) => a - b)).toEqual(MANIFEST_ICON_SIZES);
    expect(xml).toContain('<HighResolutionIconUrl DefaultValue="https://desk.example.gov/equity/addin/excel/icon-64.png"/>');
  });

  test('the same --url gives the same id, another deployment another one, and --id sets it', () => {
    const id = (x: string) => /<Id>([^<]+)<\/Id>/.exec(x)![1];
    expect(id(renderExcelManifest({ url: 'https://desk.example.gov/equity' }))).toBe(id(xml));
    expect(id(renderExcelManifest({ url: 'https://other.example.gov' }))).not.toBe(id(xml));
    expect(id(xml)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id(renderExcelManifest({ url: 'https://x.example.gov', id: '6F1C1C9E-3B1A-4D2E-9F5A-2C7B8E9D0A1B' }))).toBe('6F1C1C9E-3B1A-4D2E-9F5A-2C7B8E9D0A1B');
  });

  test('the command refuses http, a query, a bad --id, and writes --out', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => void lines.push(t), err: () => undefined, env: {} };
    const run = (values: Record<string, string>) => excelManifestCommand.run({ positionals: [], values }, io);
    await expect(run({ url: 'http://desk.example.gov' })).rejects.toThrow(/must be https/);
    await expect(run({ url: 'https://desk.example.gov/?a=1' })).rejects.toThrow(/no query/);
    await expect(run({ url: 'https://desk.example.gov', id: 'not-a-guid' })).rejects.toThrow(/not a GUID/);
    await expect(run({})).rejects.toThrow(/missing --url/);
    const out = path.join(dir, 'out.xml');
    expect(await run({ url: 'https://desk.example.gov', out })).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(renderExcelManifest({ url: 'https://desk.example.gov' }));
    // A sentence, as every other command that writes a file says it.
    expect(lines).toEqual([`Wrote the Excel add-in manifest for https://desk.example.gov to ${out}.`]);
  });
});
