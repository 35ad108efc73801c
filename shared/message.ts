/**
 * Validation messages travel as translation keys, with their parameters after a "|", so that the
 * server and the browser show the same error in the user's language. `encodeMessage` and
 * `decodeMessage` are the only two places that know the format.
 */
export type EncodedMessage = { key: string; params: Record<string, string | number> };

export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function decodeMessage(message: string): EncodedMessage {
  const bar = message.indexOf("|");
  if (bar < 0) return { key: message, params: {} };
  try {
    const params: unknown = JSON.parse(message.slice(bar + 1));
    if (params && typeof params === "object") {
      return { key: message.slice(0, bar), params: Object.fromEntries(Object.entries(params)) };
    }
  } catch {
    // not an encoded message: fall through and show it as it is
  }
  return { key: message, params: {} };
}
