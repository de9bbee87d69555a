// The Excel add-in's add-in-only XML manifest for one deployment: a task pane and the EQ. custom functions
// in one long-lived shared runtime, a ribbon button that shows the pane, every URL under the deployment's
// https origin (where the service serves the add-in at /addin/excel/). The unified JSON manifest does not
// yet install Excel custom functions everywhere, hence XML.
import { createHash } from 'node:crypto';
import { TypedError } from '../../shared/typed-error';

export const NAMESPACE = 'EQ';
export const ADDIN_VERSION = '1.0.2.0';
/**
 * The ExcelApi version the add-in needs, so Office offers it only where it runs: 1.13 for
 * Range.getMergedAreasOrNullObject (Office 2021 and later). Notes (1.18) are used where Excel has them.
 */
export const EXCEL_API_VERSION = '1.13';
/**
 * The custom-functions runtime the EQ. functions need: 1.2 for the `CustomFunctions.Error` values they answer with
 * where the native formula shows an error (decision 011); an older Excel would fail each such call instead.
 */
export const CUSTOM_FUNCTIONS_RUNTIME_VERSION = '1.2';
/** The ribbon's icon sizes (16, 32, 80 px), referenced as `Icon.N` resources. */
export const ICON_SIZES = [16, 32, 80] as const;
/** The icon of the Insert > Add-ins list: 32 px, and 64 px on high-DPI screens (Office's sizes for a task pane add-in). */
const LIST_ICON = 32;
const HIGH_DPI_LIST_ICON = 64;
/** Every icon size the manifest names: the build (scripts/excel-build.mjs) renders each of them. */
export const MANIFEST_ICON_SIZES = [...new Set([...ICON_SIZES, LIST_ICON, HIGH_DPI_LIST_ICON])].sort((a, b) => a - b);

export class ManifestError extends TypedError {
  override readonly name = 'ManifestError' as const;
}

export interface ManifestOptions {
  /** `https://host[:port][/path]`: the service's public address. */
  url: string;
  /** The add-in's id; by default derived from `url`, so rendering again gives the same add-in. */
  id?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A name-based (version 5) UUID of the deployment's base URL: stable, and different per deployment. */
export function idForUrl(base: string): string {
  const hash = createHash('sha1').update(`equity-desk-excel:${base}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The base URL without a trailing slash; only https with a host, no query or fragment. */
export function deploymentBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ManifestError(`--url ${url} is not a URL; give the service's address, e.g. https://equity-desk.example.gov`);
  }
  if (parsed.protocol !== 'https:') throw new ManifestError(`--url must be https (Office loads add-ins only over https), not ${parsed.protocol.replace(':', '')}`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new ManifestError('--url takes the service address only: no query, fragment or credentials');
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderExcelManifest(options: ManifestOptions): string {
  const base = deploymentBase(options.url);
  const id = options.id ?? idForUrl(base);
  if (!GUID.test(id)) throw new ManifestError(`--id ${id} is not a GUID (like 6f1c1c9e-3b1a-4d2e-9f5a-2c7b8e9d0a1b)`);
  const files = `${base}/addin/excel`;
  const url = {
    taskpane: `${files}/taskpane.html`,
    script: `${files}/taskpane.js`,
    metadata: `${files}/functions.json`,
    support: `${base}/docs`,
    icon: (size: number) => `${files}/icon-${size}.png`,
  };
  const icons = (indent: string) =>
    [`${indent}<Icon>`, ...ICON_SIZES.map((size) => `${indent}  <bt:Image size="${size}" resid="Icon.${size}"/>`), `${indent}</Icon>`].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${id}</Id>
  <Version>${ADDIN_VERSION}</Version>
  <ProviderName>Equity Desk</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="Equity Desk"/>
  <Description DefaultValue="Triage technical-assistance requests, track work plans and milestones, and sync them to your office's Equity Desk service."/>
  <IconUrl DefaultValue="${xml(url.icon(LIST_ICON))}"/>
  <HighResolutionIconUrl DefaultValue="${xml(url.icon(HIGH_DPI_LIST_ICON))}"/>
  <SupportUrl DefaultValue="${xml(url.support)}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="SharedRuntime" MinVersion="1.1"/>
      <Set Name="ExcelApi" MinVersion="${EXCEL_API_VERSION}"/>
      <Set Name="CustomFunctionsRuntime" MinVersion="${CUSTOM_FUNCTIONS_RUNTIME_VERSION}"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${xml(url.taskpane)}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <Runtimes>
          <Runtime resid="Taskpane.Url" lifetime="long"/>
        </Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Functions.Script.Url"/>
            </Script>
            <Page>
              <SourceLocation resid="Taskpane.Url"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Functions.Metadata.Url"/>
            </Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="Support.Url"/>
          </GetStarted>
          <FunctionFile resid="Taskpane.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="EquityDesk.Group">
                <Label resid="Group.Label"/>
${icons('                ')}
                <Control xsi:type="Button" id="EquityDesk.ShowTaskpane">
                  <Label resid="Button.Label"/>
                  <Supertip>
                    <Title resid="Button.Label"/>
                    <Description resid="Button.Tooltip"/>
                  </Supertip>
${icons('                  ')}
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>EquityDesk.Taskpane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
${ICON_SIZES.map((s) => `        <bt:Image id="Icon.${s}" DefaultValue="${xml(url.icon(s))}"/>`).join('\n')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Taskpane.Url" DefaultValue="${xml(url.taskpane)}"/>
        <bt:Url id="Functions.Script.Url" DefaultValue="${xml(url.script)}"/>
        <bt:Url id="Functions.Metadata.Url" DefaultValue="${xml(url.metadata)}"/>
        <bt:Url id="Support.Url" DefaultValue="${xml(url.support)}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="Functions.Namespace" DefaultValue="${NAMESPACE}"/>
        <bt:String id="Group.Label" DefaultValue="Equity Desk"/>
        <bt:String id="Button.Label" DefaultValue="Equity Desk"/>
        <bt:String id="GetStarted.Title" DefaultValue="Equity Desk is ready"/>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="Button.Tooltip" DefaultValue="Open the Equity Desk pane: triage requests, set up a template, sync."/>
        <bt:String id="GetStarted.Description" DefaultValue="Open Equity Desk from the Home tab. The EQ. functions (EQ.SLA, EQ.WORKPLAN_STATUS...) work in any cell."/>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
