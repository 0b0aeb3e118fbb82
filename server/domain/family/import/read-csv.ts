import { pipeline, Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { AppError } from "@/server/errors";
import { messages } from "@/common/messages";

const text = messages.familyImport;

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

/** A file as chunks: a stream read from disk, or the text a browser sent. */
export type FileSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface CsvRecord {
  /** The line of the file where the record ends (the header is line 1). */
  line: number;
  values: string[];
}

const fail = (message: string) => new AppError("BAD_REQUEST", `${messages.fields.file} : ${message}`, "file");
const failAt = (message: string) => new AppError("BAD_REQUEST", message, "file");

/** UTF-8 text from bytes or strings, refused past the size limit or when not UTF-8; the BOM is dropped. */
async function* utf8Text(source: FileSource, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let bytes = 0;
  let first = true;
  for await (const chunk of source) {
    const piece = typeof chunk === "string" ? chunk : decodeOrFail(decoder, chunk, true);
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > maxBytes) throw fail(text.tooLarge(Math.round(maxBytes / 1024 / 1024)));
    yield first ? piece.replace(/^\uFEFF/, "") : piece;
    first = false;
  }
  const rest = decodeOrFail(decoder, new Uint8Array(), false);
  if (rest) yield rest;
}

function decodeOrFail(decoder: TextDecoder, chunk: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw fail(text.notUtf8);
  }
}

/** `;` or `,`, whichever the header line uses more (the header holds no quoted separator). */
function separatorOf(headerLine: string): ";" | "," {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(";") >= count(",") ? ";" : ",";
}

/**
 * The records of a CSV file, streamed: the file is read chunk by chunk through csv-parse, never held
 * whole. UTF-8 with or without BOM, separator `;` or `,` (read from the header line), quoted fields
 * as spreadsheets write them. A malformed file stops with a French message naming the line.
 */
export async function* readCsv(source: FileSource, options: { maxBytes?: number; maxRows?: number } = {}): AsyncGenerator<CsvRecord> {
  const chunks = utf8Text(source, options.maxBytes ?? MAX_IMPORT_BYTES);
  // Read up to the end of the header line to choose the separator, then hand everything to the parser.
  let head = "";
  let next = await chunks.next();
  while (!next.done && !/\r?\n/.test(head + next.value)) {
    head += next.value;
    next = await chunks.next();
  }
  if (!next.done) head += next.value;
  if (!head.trim()) throw fail(text.empty);
  const delimiter = separatorOf(head.split(/\r?\n/, 1)[0]!);
  async function* all() {
    yield head;
    for await (const chunk of chunks) yield chunk;
  }
  // pipeline, not pipe: an error while reading (size, encoding) destroys the parser with it, ending the loop below.
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 64 * 1024 });
  pipeline(Readable.from(all()), parser, () => {});
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (++rows > maxRows + 1) throw fail(text.tooManyRows(maxRows));
      yield { line: info.lines, values: record };
    }
  } catch (error) {
    if (error instanceof CsvError) throw failAt(text.malformed(Number((error as CsvError & { lines?: number }).lines ?? 0)));
    throw error;
  } finally {
    parser.destroy();
  }
}
