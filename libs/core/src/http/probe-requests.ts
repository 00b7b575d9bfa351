/** Paths polled by machines, not used by people: health checks (Caddy, Docker) and Prometheus scrapes. */
const PROBE_PATHS = new Set(['/health', '/metrics']);

/**
 * Whether a request URL is a health check or a metrics scrape, query string
 * or not. Such requests are left out of the access log and do not count as
 * activity for the idle heap collection.
 */
export function isProbeRequest(url: string | undefined): boolean {
  if (!url) return false;
  const query = url.indexOf('?');
  return PROBE_PATHS.has(query < 0 ? url : url.slice(0, query));
}
