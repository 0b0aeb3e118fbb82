/**
 * The body of an upload route (a file's bytes as the request body, its type in Content-Type, its
 * name URI-encoded in X-File-Name), read without ever holding more than the limit: the announced
 * size is refused before anything is read, the streamed size as soon as it passes the limit.
 */

/** At most `max` bytes of the body; null when it announces or sends more. */
export async function readBodyCapped(request: Request, max: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The file as the upload checks take it (server/lib/uploads.ts): the stored name is ours anyway. */
export function uploadOf(request: Request, bytes: Buffer) {
  let name = "document";
  try {
    name = decodeURIComponent(request.headers.get("x-file-name") ?? "document").slice(0, 300);
  } catch {
    // A name that is not URI-encoded: the default stands.
  }
  return { name, type: (request.headers.get("content-type") ?? "").split(";")[0]!.slice(0, 100), base64: bytes.toString("base64") };
}
