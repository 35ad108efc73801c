import { notifications } from "@mantine/notifications";
import { useState } from "react";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Saves base64 bytes (a .docx) as a file, the way a link with `download` does. */
export function saveFile(base64: string, filename: string, type: string = DOCX): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A document the server builds on request (a report, a letter): `download()` fetches it and saves
 * it; `pending` while it comes; `failed` is shown when it does not.
 */
export function useFileDownload(
  fetchFile: () => Promise<{ contentBase64: string; filename: string }>,
  failed: string,
) {
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    try {
      const file = await fetchFile();
      saveFile(file.contentBase64, file.filename);
    } catch {
      notifications.show({ color: "red", message: failed });
    } finally {
      setPending(false);
    }
  };
  return { pending, download };
}
