/** At most this many bytes per evidence file (20 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** At most this many files in one upload, and attached to one report or comment. */
export const MAX_FILES_PER_REPORT = 10;

/** Unattached uploads older than this are removed (the form was abandoned). */
export const PENDING_FILE_HOURS = 24;

/** The longest original file name kept. */
export const MAX_FILE_NAME = 255;

/** The kinds of evidence accepted, as detected from the content (never from the name). */
export const EVIDENCE_TYPES = [
  { ext: "pdf", mime: "application/pdf", label: "PDF" },
  {
    ext: "docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word",
  },
  {
    ext: "xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel",
  },
  { ext: "doc", mime: "application/msword", label: "Word 97–2003" },
  { ext: "xls", mime: "application/vnd.ms-excel", label: "Excel 97–2003" },
  { ext: "png", mime: "image/png", label: "PNG" },
  { ext: "jpg", mime: "image/jpeg", label: "JPEG" },
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** What the `accept` attribute of a file input may list. */
export const EVIDENCE_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg";

function nameExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Decides a file's type from what its content was detected as (file-type's answer, or undefined
 * when nothing was recognised). Old Word and Excel files are both Compound File Binary containers
 * (as are Outlook messages and installers): one is accepted only when its name says .doc or .xls.
 * Returns null for anything not accepted.
 */
export function evidenceType(
  detected: { ext: string; mime: string } | undefined,
  name: string,
): EvidenceType | null {
  if (!detected) return null;
  if (detected.ext === "cfb") {
    const ext = nameExtension(name);
    return (
      EVIDENCE_TYPES.find((type) => type.ext === ext && (ext === "doc" || ext === "xls")) ?? null
    );
  }
  return EVIDENCE_TYPES.find((type) => type.mime === detected.mime) ?? null;
}

/** A file name safe to keep and to send back: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (clean.length <= MAX_FILE_NAME) return clean === "" ? "tep-dinh-kem" : clean;
  const ext = nameExtension(clean);
  const keep = MAX_FILE_NAME - ext.length - 1;
  return ext && keep > 0 ? `${clean.slice(0, keep)}.${ext}` : clean.slice(0, MAX_FILE_NAME);
}
