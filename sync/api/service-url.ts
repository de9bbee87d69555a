// The address a person types to reach the service: what `serve` prints on start, and what the CLI puts in
// the links it hands out (intake forms, the dashboard), so both name the same place.
import type { Config } from '../config';

/** A wildcard address is not something to type into a browser, and an IPv6 literal needs brackets in a URL. */
export function listeningUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** EQUITY_DESK_PUBLIC_URL, else where `serve` listens when given the same `--host` and `--port`. */
export const serviceUrl = (config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string => config.publicUrl ?? listeningUrl(config.host, config.port);

/** The intake form's public page, the link requesters are given. */
export const formUrl = (base: string, id: string): string => `${base}/intake/${id}`;

/** The requester's feedback survey: the link an office sends once a request is fulfilled. */
export const feedbackUrl = (base: string, token: string): string => `${base}/feedback/${token}`;

/** Where a request stands: the private link the web form's confirmation gives the requester, or the office sends. */
export const statusUrl = (base: string, token: string): string => `${base}/requests/${token}`;

/** The link a reviewer opens: the dashboard trades the token in it for a cookie and drops it from the address. */
export const dashboardLink = (base: string, token: string): string => `${base}/dashboard?access_token=${token}`;
