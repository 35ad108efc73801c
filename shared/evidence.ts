/** At most this many bytes per evidence file (20 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** At most this many files in one upload, and attached to one report or comment. */
export const MAX_FILES_PER_REPORT = 10;

/** Unattached uploads older than this are removed (the form was abandoned). */
export const PENDING_FILE_HOURS = 24;

/** The longest original file name kept. */
export const MAX_FILE_NAME = 255;

/** Uploads one user may have running at once (each holds a connection and a temporary file). */
export const MAX_CONCURRENT_UPLOADS = 2;

/** The evidence all users of one agency may store, together (5 GB). */
export const AGENCY_QUOTA_BYTES = 5 * 1024 * 1024 * 1024;

/**
 * The kinds of evidence accepted, as detected from the content (never from the name). A file is
 * stored and served under `ext`; its name may end with any of `names` (or nothing).
 */
export const EVIDENCE_TYPES = [
  { ext: "pdf", names: ["pdf"], mime: "application/pdf", label: "PDF" },
  {
    ext: "docx",
    names: ["docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word",
  },
  {
    ext: "xlsx",
    names: ["xlsx"],
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel",
  },
  { ext: "doc", names: ["doc"], mime: "application/msword", label: "Word 97–2003" },
  { ext: "xls", names: ["xls"], mime: "application/vnd.ms-excel", label: "Excel 97–2003" },
  { ext: "png", names: ["png"], mime: "image/png", label: "PNG" },
  { ext: "jpg", names: ["jpg", "jpeg"], mime: "image/jpeg", label: "JPEG" },
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** What the `accept` attribute of a file input may list. */
export const EVIDENCE_ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg";

function nameExtension(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** Whether a name agrees with the type detected from the content (no extension agrees too). */
export function nameFitsType(name: string, type: EvidenceType): boolean {
  const ext = nameExtension(name);
  return ext === "" || type.names.some((allowed) => allowed === ext);
}

/**
 * The name a file is stored and served under: the detected type's extension, whatever the name
 * said ("anh.jpeg" → "anh.jpg", an older row's "bao-cao.html" → "bao-cao.html.pdf").
 */
export function nameForType(name: string, type: { ext: string; names: readonly string[] }): string {
  const ext = nameExtension(name);
  const base = type.names.some((allowed) => allowed === ext)
    ? name.slice(0, -ext.length - 1)
    : name;
  return `${base}.${type.ext}`;
}

/** The accepted type of a stored MIME type (rows keep the detected type's MIME). */
export function evidenceTypeOfMime(mime: string): EvidenceType | undefined {
  return EVIDENCE_TYPES.find((type) => type.mime === mime);
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
