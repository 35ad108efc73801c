import { z } from "zod";
import { MAX_FILE_BYTES } from "../../shared/evidence.ts";
import { i18n } from "../i18n.ts";

const evidenceFileSchema = z.object({
  id: z.number(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** A stored evidence file, as POST /files and the report and comment lists return it. */
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;

const uploadAnswer = z.object({ files: z.array(evidenceFileSchema) });
const refusalAnswer = z.object({ error: z.object({ message: z.string(), code: z.string() }) });

/** Why an upload failed, in the user's language (the server's refusal, or ours). */
export class UploadError extends Error {}

/** The largest file accepted, in whole megabytes, for messages. */
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

/**
 * Sends files to POST /files (multipart field "files"). The server checks each file's type from
 * its content and stores all of them or none; its refusal arrives already translated.
 */
export async function uploadEvidence(files: readonly File[]): Promise<EvidenceFile[]> {
  const body = new FormData();
  for (const file of files) body.append("files", file, file.name);
  let response: Response;
  try {
    response = await fetch("/files", {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "accept-language": i18n.language },
    });
  } catch {
    throw new UploadError(i18n.t("problem.network"));
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const stored = uploadAnswer.safeParse(answer);
    if (stored.success) return stored.data.files;
  }
  const refusal = refusalAnswer.safeParse(answer);
  if (refusal.success) throw new UploadError(refusal.data.error.message);
  if (response.status === 413) {
    throw new UploadError(i18n.t("error.fileTooLarge", { max: MAX_FILE_MB }));
  }
  throw new UploadError(i18n.t("evidence.uploadFailed"));
}
