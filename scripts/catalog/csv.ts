// Minimal RFC 4180 CSV reader for the shared data set, which opens every file with `#` provenance lines.
import { CatalogSourceError } from './catalog-source-error';

/** A parsed CSV file: its `#` comment lines (provenance), header and rows keyed by column name. */
export interface CsvFile {
  /** The `#` lines, without the leading `# `, in file order: they name the source repo, path and commit. */
  comments: string[];
  header: string[];
  rows: Record<string, string>[];
}

/** Splits one CSV record into fields, honouring double quotes and doubled quotes inside them. */
const splitRecord = (line: string): string[] => {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
};

/**
 * Parses CSV text whose leading lines may be `#` comments. Fields never span lines in the shared data set,
 * so records are split on line breaks.
 */
export const parseCsv = (text: string): CsvFile => {
  const comments: string[] = [];
  const records: string[][] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('#')) {
      comments.push(raw.replace(/^#\s?/, ''));
    } else if (raw.trim() !== '') {
      records.push(splitRecord(raw));
    }
  }
  const [header = [], ...body] = records;
  const rows = body.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
  return { comments, header, rows };
};

/** The value of `column` in `row`, or an error naming the file: a missing column means the data set changed shape. */
export const field = (row: Record<string, string>, column: string, file: string): string => {
  const value = row[column];
  if (value === undefined) throw new CatalogSourceError(`${file}: column "${column}" is missing`);
  return value;
};

/** A numeric column; an empty cell or a non-number is an error naming the file and column. */
export const numberField = (row: Record<string, string>, column: string, file: string): number => {
  const text = field(row, column, file);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CatalogSourceError(`${file}: column "${column}" is not a number: "${text}"`);
  return value;
};
