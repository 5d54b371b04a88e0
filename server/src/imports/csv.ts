/** Limits that keep one hostile file from taking the server's memory. */
export const CSV_LIMITS = { maxFieldChars: 10_000, maxColumns: 64 } as const;

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvRow {
  /** The line the row starts on (1 = the header). */
  line: number;
  fields: string[];
  /** Bytes of the input consumed so far, for progress. */
  bytesRead: number;
}

/**
 * Rows of an RFC 4180 CSV read from a stream, one chunk at a time: quoted fields with
 * doubled quotes, commas and line breaks inside quotes, CRLF or LF, a UTF-8 BOM, and a
 * comma or semicolon separator (Excel in Russian saves with semicolons), taken from the
 * header line. Memory is one row, whatever the file's size.
 */
export async function* csvRows(input: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let separator: ',' | ';' | null = null;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let bytesRead = 0;
  let first = true;
  let pendingCR = false;

  const endField = () => {
    if (fields.length >= CSV_LIMITS.maxColumns) throw new CsvSyntaxError(rowLine, `more than ${CSV_LIMITS.maxColumns} columns`);
    fields.push(field);
    field = '';
    afterQuote = false;
  };

  for await (const chunk of input) {
    bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new CsvSyntaxError(line, 'the file is not UTF-8 text');
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const rows: string[][] = [];
    const lines: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (separator === null && !quoted && (c === ',' || c === ';')) separator = c;
      if (pendingCR) {
        pendingCR = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            // Closed, unless the next chunk starts with a second quote (handled below).
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"') {
        if (afterQuote) {
          // A doubled quote split across two chunks.
          field += '"';
          quoted = true;
          afterQuote = false;
        } else if (field.length === 0) quoted = true;
        else throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      } else if (c === separator) {
        endField();
      } else if (c === '\n' || c === '\r') {
        endField();
        rows.push(fields);
        lines.push(rowLine);
        fields = [];
        line++;
        rowLine = line;
        if (c === '\r') pendingCR = true;
      } else {
        if (afterQuote) throw new CsvSyntaxError(line, 'text after a closing quote');
        field += c;
      }
      if (field.length > CSV_LIMITS.maxFieldChars) throw new CsvSyntaxError(rowLine, `a field longer than ${CSV_LIMITS.maxFieldChars} characters`);
    }
    for (let r = 0; r < rows.length; r++) {
      // Blank lines are skipped.
      if (rows[r].length === 1 && rows[r][0] === '') continue;
      yield { line: lines[r], fields: rows[r], bytesRead };
    }
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted field is not closed');
  if (field.length > 0 || fields.length > 0) {
    endField();
    yield { line: rowLine, fields, bytesRead };
  }
}
