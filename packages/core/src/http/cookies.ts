/** Parses `Cookie` headers and HTTP API's `cookies` array into a name -> value map. */
export function parseCookies(cookieHeaders: Array<string | undefined>): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of cookieHeaders) {
    if (!header) continue;
    for (const part of header.split(';')) {
      const index = part.indexOf('=');
      if (index <= 0) continue;
      const name = part.slice(0, index).trim();
      const raw = part.slice(index + 1).trim();
      try {
        cookies[name] = decodeURIComponent(raw);
      } catch {
        cookies[name] = raw;
      }
    }
  }
  return cookies;
}
