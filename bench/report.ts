// The benchmark's rows: each figure beside its floor and budget, printed as a table and, with --save, written to bench/results.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ratio } from './statistics.js';

export type Row = {
  measure: string;
  subject: string;
  value: number;
  floor: number | null;
  ratio: number | null;
  unit: string;
  budget: string;
  within: boolean | null;
};

export const createReport = () => {
  const rows: Row[] = [];
  return {
    rows,

    record: (
      measure: string,
      subject: string,
      value: number,
      floor: number | null,
      unit: string,
      budget: string,
      limit: number | null,
      /** A ratio measured otherwise than value / floor, e.g. the median of paired ratios. */
      measuredRatio?: number,
    ) => {
      const r = floor === null ? null : (measuredRatio ?? ratio(value, floor));
      rows.push({
        measure,
        subject,
        value,
        floor,
        ratio: r,
        unit,
        budget,
        within: limit === null ? null : floor === null ? value <= limit : r! <= limit,
      });
    },

    /** Prints the table, writes bench/results.json under `root` when asked, and sets a failing exit code when a figure is over budget. */
    printAndSave: (elapsedMs: number, root: string) => {
      const header = ['measure', 'subject', 'value', 'floor', 'ratio', 'budget', 'within'];
      const lines = rows.map((row) => [
        row.measure,
        row.subject,
        `${Number.isInteger(row.value) ? row.value : row.value.toFixed(2)} ${row.unit}`,
        row.floor === null ? '-' : `${Number.isInteger(row.floor) ? row.floor : row.floor.toFixed(2)} ${row.unit}`,
        row.ratio === null ? '-' : `${row.ratio.toFixed(3)}×`,
        row.budget,
        row.within === null ? '-' : row.within ? 'yes' : 'NO',
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
      const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
      console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(format).join('\n')}`);
      console.log(`\nNode ${process.version}, ${elapsedMs / 1000} s`);
      // The tracked results file changes only when asked: `npm run bench -- --save`.
      if (process.argv.includes('--save')) {
        writeFileSync(
          path.join(root, 'bench/results.json'),
          `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, elapsedSeconds: elapsedMs / 1000, rows }, null, 2)}\n`,
        );
        console.log('Saved bench/results.json');
      }
      if (rows.some((row) => row.within === false)) process.exitCode = 1;
    },
  };
};

export type Report = ReturnType<typeof createReport>;
