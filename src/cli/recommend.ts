// `model-fit recommend`: the ranked list for a machine, local models first.
import { write, writeJson } from './output';
import { ModelFitError } from '../core/errors';
import { ollamaStoreDirs } from '../core/resolve';
import { ollamaStoreModels, recommend, USE_CASES, workspaceGgufs, type LocalModel, type UseCase } from '../core/recommend';
import type { EstimateArgs } from './args';
import { formatRecommendations } from './formatRecommend';
import { loadHardware } from './hardwareArgs';

export async function runRecommend(a: EstimateArgs, help: () => number): Promise<number> {
  if (a.help) return help();
  const use = (a.use ?? 'chat').toLowerCase();
  if (!(USE_CASES as readonly string[]).includes(use)) throw new ModelFitError(`--use: expected ${USE_CASES.join(', ')}, got "${a.use}"`);
  const hw = await loadHardware(a);
  const local: LocalModel[] = [];
  if (!a.noLocal) {
    for (const dir of ollamaStoreDirs(undefined, process.env)) local.push(...(await ollamaStoreModels(dir)));
    local.push(...(await workspaceGgufs(a.modelsDir ?? process.cwd())));
  }
  const r = recommend(hw, { use: use as UseCase, minTps: a.minTps, ctx: a.ctx, local });
  if (a.json) writeJson(r);
  else write(formatRecommendations(r, a.limit ?? 15) + '\n');
  return 0;
}
