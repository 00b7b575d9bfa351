import { describe, expect, it } from '@jest/globals';
import { forecastCsv } from './forecast-csv.js';

describe('forecast CSV download', () => {
  it('writes one row per part and period, quoting what needs it, with a BOM for Excel', () => {
    const csv = forecastCsv([
      {
        part: { partNumber: 'YH-CST-1001' },
        buckets: [
          {
            periodStart: '2027-01-04',
            firm: true,
            quantity: '12',
            previousQuantity: '10',
            committedQuantity: '8',
            commitNote: '模具检修, 下周补齐',
          },
          {
            periodStart: '2027-01-11',
            firm: false,
            quantity: '1200.5',
            previousQuantity: null,
            committedQuantity: null,
            commitNote: 'say "soon"',
          },
        ],
      },
    ]);
    expect(csv).toBe(
      '\uFEFFpart_number,period_start,firm,demand,previous_demand,committed,note\r\n' +
        'YH-CST-1001,2027-01-04,true,12,10,8,"模具检修, 下周补齐"\r\n' +
        'YH-CST-1001,2027-01-11,false,1200.5,,,"say ""soon"""\r\n',
    );
  });
});
