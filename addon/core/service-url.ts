// Which service URLs the add-on may call: https only, and, once the build names them, only under the
// allowed prefixes, checked by the rules Google applies to a manifest's urlFetchWhitelist, so Settings
// refuses a URL the deployed add-on could never reach and says why.
import { AddonError } from './addon-error';

const PREFIX = /^https:\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?(\/[^\s?#]*)$/i;
/** Scheme, host (with port) and path of a URL; whatever follows (query, fragment) is left to the caller. */
const URL_HEAD = /^([a-z][a-z0-9+.-]*):\/\/([^\s/?#]*)(\/[^\s?#]*)?/i;

/** Why `prefix` cannot go in urlFetchWhitelist, or null when it can (https, a full host, a path of at least "/"). */
export function allowlistProblem(prefix: string): string | null {
  if (!/^https:\/\//i.test(prefix)) return `"${prefix}" must start with https://`;
  if (!PREFIX.test(prefix)) {
    return /^https:\/\/[^/]+$/i.test(prefix)
      ? `"${prefix}" needs a path: end it with "/" (${prefix}/)`
      : `"${prefix}" is not an https:// prefix with a full host name, such as https://equity-desk.example.gov/`;
  }
  return null;
}

/** The prefixes a build setting names (commas or spaces between them), each given a "/" path when it has none. */
export function parseAllowlist(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map((s) => (/^https:\/\/[^/]+$/i.test(s) ? `${s}/` : s));
}

/** Google's matching: the prefix itself, or anything under it; host names ignore case, paths do not. */
export function urlMatchesPrefix(url: string, prefix: string): boolean {
  const p = PREFIX.exec(prefix);
  const u = URL_HEAD.exec(url);
  if (!p || !u || u[1].toLowerCase() !== 'https') return false;
  const [, wildcard, host, , port = '', path] = p;
  const [hostOfUrl, portOfUrl = ''] = u[2].toLowerCase().split(/(?=:)/);
  const hostOk = wildcard ? hostOfUrl.endsWith(`.${host.toLowerCase()}`) : hostOfUrl === host.toLowerCase();
  if (!hostOk || portOfUrl !== port) return false;
  const rest = `${u[3] ?? '/'}${url.slice(u[0].length)}`;
  if (!rest.startsWith(path)) return false;
  return path.endsWith('/') || rest.length === path.length || '/?#'.includes(rest[path.length]);
}

/**
 * The service's own pages and API, as its app mounts them (sync/api/app.ts): a link staff have at hand (the intake
 * form's, a requester's status page, the dashboard's, the API docs') is under the service's address, which is what
 * comes before them. The API by its version: a gateway's own `/api/equity-desk` is the path the service is hosted
 * under, not one of its pages.
 */
const SERVICE_PAGE = /\/(intake|feedback|requests|dashboard|docs|openapi\.json|addin|api\/v1|healthz)(?=[/?#]|$)/i;

/** The service's address in a link to one of its pages, with no trailing slash; other URLs as they are. */
function servicePart(url: string): string {
  const head = URL_HEAD.exec(url);
  if (!head) return url;
  const page = head[3] ? SERVICE_PAGE.exec(head[3]) : null;
  return page ? `${head[1]}://${head[2]}${head[3].slice(0, page.index)}` : url.replace(/\/+$/, '');
}

/**
 * The service URL as saved (no trailing slash), or an `invalid_setting` error saying why not: not a URL,
 * not https, or not under one of `allowlist` (when the build named any). Every call the add-on makes is
 * under `URL/`, so that is what the allowlist must cover.
 */
export function checkServiceUrl(text: string, allowlist: readonly string[]): string {
  const typed = text.trim();
  // A host typed alone ("equity-desk.example.gov") is the https address every service has.
  const url = servicePart(/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(typed) ? `https://${typed}` : typed);
  const shape = URL_HEAD.exec(url);
  if (!shape || shape[2] === '' || shape[0] !== url) {
    throw new AddonError('invalid_setting', `"${text.trim()}" is not a service URL; it should look like https://equity-desk.example.gov`);
  }
  if (shape[1].toLowerCase() !== 'https') {
    throw new AddonError('invalid_setting', `The service URL must start with https:// (the add-on may only call https addresses): "${url}"`);
  }
  if (allowlist.length > 0 && !allowlist.some((prefix) => urlMatchesPrefix(`${url}/`, prefix))) {
    throw new AddonError(
      'invalid_setting',
      `This copy of Equity Desk may only connect to ${allowlist.join(', ')}; "${url}" is not under it. Ask whoever publishes the add-on to add it to the allowed service URLs and deploy a new version.`,
    );
  }
  return url;
}
