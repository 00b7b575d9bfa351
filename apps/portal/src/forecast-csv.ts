/** The forecast grid as the CSV a supplier downloads: one row per part and period, with demand, change and commitment. */
export interface CsvLine {
  part: { partNumber: string };
  buckets: {
    periodStart: string;
    firm: boolean;
    quantity: string;
    previousQuantity?: string | null;
    committedQuantity?: string | null;
    commitNote?: string | null;
  }[];
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function forecastCsv(lines: CsvLine[]): string {
  const rows = [['part_number', 'period_start', 'firm', 'demand', 'previous_demand', 'committed', 'note']];
  for (const line of lines) {
    for (const b of line.buckets) {
      rows.push([
        line.part.partNumber,
        b.periodStart,
        String(b.firm),
        b.quantity,
        b.previousQuantity ?? '',
        b.committedQuantity ?? '',
        b.commitNote ?? '',
      ]);
    }
  }
  // A byte-order mark so that Excel opens the Chinese text as UTF-8; CRLF as RFC 4180 says.
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
