/**
 * XML text for package manifests: escaping for text and attributes, and identifiers that are valid
 * XML names (SCORM's `identifier` attributes are xs:ID, so "queues/mm1-80" must become a NCName).
 */

/** Escapes text for an XML element or a double-quoted attribute; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A valid XML name (NCName) from any text: other characters become "-", and it starts with a letter. */
export function xmlId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `id-${cleaned}`;
}
