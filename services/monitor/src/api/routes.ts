import { Router } from 'express';
import { parseInput, requireRole, route } from '@yinqi/http';
import { computeDashboard } from '../domain/dashboard';
import type { PlanTarget } from '../domain/plan-targets';
import type { ReadModel } from '../domain/read-model';
import { FACT_KINDS } from '../domain/facts';
import { periodQuerySchema, toPeriod } from '../domain/schemas';
import { exportRoutes } from './export-routes';

/** Internal REST API; only the gateway (and the rebuild command) call it. Everything is FINANCE_CENTER only. */
export function monitorRoutes(model: ReadModel, targets: PlanTarget[], now: () => number): Router {
  const r = Router();
  r.get(
    '/dashboard',
    route(async (req) => {
      requireRole(req, 'FINANCE_CENTER');
      const q = parseInput(periodQuerySchema, req.query);
      return computeDashboard(model.projection, toPeriod(q), q.asOf ? Date.parse(q.asOf) : now(), targets);
    }),
  );
  r.use(exportRoutes(() => model.projection));
  r.get(
    '/admin/status',
    route(async (req) => {
      requireRole(req, 'FINANCE_CENTER');
      return {
        generation: model.generation,
        rebuilding: model.isRebuilding,
        lastRebuild: model.lastRebuild,
        caughtUp: await model.caughtUp(),
        ...model.stats,
        facts: Object.fromEntries(FACT_KINDS.map((k) => [k, model.projection.count(k)])),
        heapUsedBytes: process.memoryUsage().heapUsed,
      };
    }),
  );
  r.post(
    '/admin/rebuild',
    route(async (req, res) => {
      requireRole(req, 'FINANCE_CENTER');
      // ?wait=false answers at once (202); GET /admin/status then shows `rebuilding` and `lastRebuild`.
      if (req.query.wait === 'false') {
        const generation = model.generation + 1;
        model.rebuild().catch(() => undefined); // the outcome is kept in lastRebuild (and logged)
        res.status(202);
        return { started: true, generation };
      }
      return model.rebuild();
    }),
  );
  return r;
}
