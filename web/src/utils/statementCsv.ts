// The statement of work (附件2) as CSV, in the browser: the same table the API exports (`GET …/statement.csv`,
// docs/evidence.md) — UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, header
// `序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID`, a row's files one per line inside a
// cell, formula cells (`= + - @`, tab, CR first) prefixed with `'` — and read back from such a file.
import type { Schemas } from "@/api/client";

export type StatementRow = Schemas["StatementRow"];

export const STATEMENT_CSV_HEADERS = ["序号", "工作内容描述", "支撑指标编号", "支撑指标", "印证材料名称", "印证材料编号", "材料ID"];

const FORMULA_START = "=+-@\t\r";

/** One field: formulas defused, quoted when it holds a comma, a quote or a line break. */
export function csvCell(raw: string | null | undefined): string {
  let value = raw ?? "";
  if (value.length > 0 && FORMULA_START.includes(value[0]!)) value = "'" + value;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface StatementCsvContext {
  /** The indicator's name (Chinese) for the 支撑指标 column. */
  indicatorName(id: string): string | undefined;
  /** The cited evidence file's title and number, when known. */
  evidence(id: string): { title: string; materialNumber: string } | undefined;
}

/** The statement as the API's CSV, byte-order mark included. */
export function statementToCsv(rows: readonly StatementRow[], context: StatementCsvContext): string {
  const lines = [STATEMENT_CSV_HEADERS.map(csvCell).join(",")];
  for (const row of rows) {
    const ids = row.evidenceIds ?? [];
    const cited = ids.map((id) => context.evidence(id)).filter((e) => e !== undefined);
    lines.push([row.number, row.description, row.indicatorId, context.indicatorName(row.indicatorId) ?? "",
      cited.map((e) => e.title).join("\n"), cited.map((e) => e.materialNumber).join("\n"), ids.join("\n")]
      .map(csvCell).join(","));
  }
  return "\uFEFF" + lines.map((l) => l + "\r\n").join("");
}

/** RFC 4180 records of `text` (a leading byte-order mark ignored). */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field.length === 0) { quoted = true; i += 1; continue; }
    if (c === ",") { record.push(field); field = ""; i += 1; continue; }
    if (c === "\r" || c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += c === "\r" && source[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += c;
    i += 1;
  }
  if (quoted) throw new Error("a quoted field is not closed");
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A cell as written before the export defused it (`'=SUM` → `=SUM`). */
function undefused(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.includes(cell[1]!) ? cell.slice(1) : cell;
}

export interface CsvImport {
  rows: StatementRow[];
  /** Problems by line of the file (1 is the header). */
  problems: { line: number; message: string }[];
}

/** The rows of a statement CSV as the API exports it (or as edited in a spreadsheet). */
export function statementFromCsv(text: string): CsvImport {
  const records = parseCsv(text).filter((r) => r.some((cell) => cell.trim() !== ""));
  const problems: CsvImport["problems"] = [];
  const header = records[0]?.map((h) => h.trim());
  if (!header || STATEMENT_CSV_HEADERS.some((h, i) => header[i] !== h)) {
    return { rows: [], problems: [{ line: 1, message: `the header must be ${STATEMENT_CSV_HEADERS.join(",")}` }] };
  }
  const rows: StatementRow[] = [];
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const [number = "", description = "", indicatorId = "", , , , ids = ""] = record.map(undefused);
    if (!number.trim()) problems.push({ line, message: "序号 is empty" });
    if (!indicatorId.trim()) problems.push({ line, message: "支撑指标编号 is empty" });
    rows.push({
      number: number.trim(), description, indicatorId: indicatorId.trim(),
      evidenceIds: ids.split(/\r?\n/).map((id) => id.trim()).filter((id) => id !== ""),
    });
  });
  return { rows, problems };
}
