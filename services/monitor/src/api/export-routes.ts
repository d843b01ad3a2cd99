import { Router } from 'express';
import { parseInput, requireRole, route } from '@yinqi/http';
import { exportPeriod, exportQuerySchema } from '../domain/export-query';
import { EXPORT_TABLES } from '../domain/exports';
import type { Projection } from '../domain/projection';
import { streamCsvTable } from './csv';
import { streamXlsxTable } from './xlsx';

/**
 * GET /export/<name>.csv and /export/<name>.xlsx (FINANCE_CENTER): matches, loans, guarantees,
 * listing, bonds, for a period (`from`/`to`: dates or instants), with Chinese columns unless
 * `?columns=codes`. Both formats are written row by row as the client reads them.
 */
export function exportRoutes(projection: () => Projection): Router {
  const r = Router();
  for (const table of EXPORT_TABLES.values()) {
    for (const format of ['csv', 'xlsx'] as const) {
      r.get(
        `/export/${table.name}.${format}`,
        route(async (req, res) => {
          requireRole(req, 'FINANCE_CENTER');
          const q = parseInput(exportQuerySchema, req.query);
          const rows = table.rows(projection(), exportPeriod(q));
          if (format === 'xlsx') await streamXlsxTable(res, table, rows, q.columns);
          else await streamCsvTable(res, table, rows, q.columns);
        }),
      );
    }
  }
  return r;
}
