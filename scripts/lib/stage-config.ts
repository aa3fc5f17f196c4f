import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TrafficModel } from './deploy-rules';
import { ROOT } from './topology';

/** A stage's settings as packages/sls-config/ holds them: params.yml and the traffic model. */

export type StageParams = Record<string, unknown>;

const CONFIG = join(ROOT, 'packages', 'sls-config');

/** The parameters a stage deploys with: the `default` section, overridden by the stage's own. */
export function stageParams(stage: string, config = CONFIG): StageParams {
  const params = parse(readFileSync(join(config, 'params.yml'), 'utf8')) as Record<string, StageParams>;
  return { ...params.default, ...(params[stage] ?? {}) };
}

/** The stage's CORS allowlist (`corsOrigins`). */
export function stageOrigins(stage: string): string[] {
  return String(stageParams(stage).corsOrigins).split(',');
}

/** The traffic each deployed stage is sized for (traffic-model.yml). */
export function trafficModel(config = CONFIG): Record<string, TrafficModel> {
  return (parse(readFileSync(join(config, 'traffic-model.yml'), 'utf8')) as { stages: Record<string, TrafficModel> })
    .stages;
}
