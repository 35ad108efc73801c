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
