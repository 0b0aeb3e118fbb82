import { messages } from "@/common/messages";

/** What the browser checks before sending files (the server checks again, by content). */
export const ATTACHMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"];
export const ATTACHMENT_MAX_BYTES = 700 * 1024;
export const ATTACHMENT_MAX_FILES = 3;
export const ATTACHMENT_HINT = "PDF, JPEG ou PNG, 700 Ko au maximum par fichier, 3 fichiers au plus.";

/** The file's content in base64, read in the browser. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("lecture impossible"));
    reader.readAsDataURL(file);
  });
}

/** The chosen files, ready for a procedure's `attachments`, or the French reason they cannot go. */
export async function readAttachments(files: File[]): Promise<{ files: { name: string; type: string; base64: string }[] } | { error: string }> {
  const m = messages.demandes;
  const chosen = files.filter((f) => f.size > 0);
  if (chosen.length > ATTACHMENT_MAX_FILES) return { error: m.tooManyFiles(ATTACHMENT_MAX_FILES) };
  const out = [];
  for (const file of chosen) {
    if (!ATTACHMENT_TYPES.includes(file.type)) return { error: m.files.type };
    if (file.size > ATTACHMENT_MAX_BYTES) return { error: m.files.size };
    try {
      out.push({ name: file.name, type: file.type, base64: await readBase64(file) });
    } catch {
      return { error: m.files.empty };
    }
  }
  return { files: out };
}
