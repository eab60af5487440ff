import type { FormDescriptor } from '../../contract/types.js';
import { ProviderResponseError } from '../../errors.js';
import type { BindCardCreateResultPlain } from './api-types.js';

export interface SubmitUrlPolicy {
  /** Hosts the bank page may live on: exact names, or `.suffix` for a domain and its subdomains. */
  allowedHosts: readonly string[];
  /** Allow plain http to 127.0.0.1 / localhost / [::1] (the sandbox bank page). Never in production. */
  allowHttpLoopback?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => (a.startsWith('.') ? host.endsWith(a) || host === a.slice(1) : host === a));
}

/**
 * The bank page form, from `submitUrl` / `submitMethod` / `encoding` /
 * `submitParams`. A scheme-less `submitUrl` (the spec's example is
 * `www.icbc.com`) is read as https; anything not https on an allowed host is
 * refused, so a tampered answer cannot send the cardholder elsewhere.
 */
export function formDescriptor(
  plain: BindCardCreateResultPlain,
  policy: SubmitUrlPolicy,
  providerId: string,
): FormDescriptor {
  const refuse = (why: string) => new ProviderResponseError(providerId, `refused submitUrl: ${why}`);
  if (!plain.submitUrl) throw refuse('missing');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(plain.submitUrl) ? plain.submitUrl : `https://${plain.submitUrl}`);
  } catch {
    throw refuse('not a URL');
  }
  const loopbackHttp = policy.allowHttpLoopback === true && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) throw refuse('not https');
  if (url.username || url.password) throw refuse('carries credentials');
  if (!hostAllowed(url.hostname, policy.allowedHosts)) throw refuse(`host ${url.hostname} is not allowed`);

  const method = (plain.submitMethod ?? 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST') throw refuse('submitMethod is neither GET nor POST');

  let fields: Record<string, string> = {};
  if (plain.submitParams) {
    let params: unknown;
    try {
      params = JSON.parse(plain.submitParams);
    } catch {
      throw refuse('submitParams is not JSON');
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw refuse('submitParams is not an object');
    for (const [k, v] of Object.entries(params)) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  } else {
    // "若未返回,则需根据submitUrl、submitMethod进行组装": the query string becomes the fields.
    fields = Object.fromEntries(url.searchParams);
    url.search = '';
  }
  return { action: url.href, method, acceptCharset: plain.encoding || 'UTF-8', fields };
}
