/**
 * The pseudonymous client reference is the customer number from VerBIS: 3 digits, a letter, 6 digits
 * (123A456789). It is all the bot stores about who the client is (data protection).
 */

export const CLIENT_REF_PATTERN = /^\d{3}[A-Z]\d{6}$/;

/** The canonical form (letter upper-cased, spaces around trimmed), or undefined when it is no customer number. */
export function normalizeClientRef(text: string): string | undefined {
  const candidate = text.trim().toUpperCase();
  return CLIENT_REF_PATTERN.test(candidate) ? candidate : undefined;
}
