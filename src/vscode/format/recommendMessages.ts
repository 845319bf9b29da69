// Messages between the extension and the "Best for this machine" webview (media/recommend.js type-checks against
// them). Type imports only from files that need no Node: the webview's checker sees them too.
import type { PlanKind } from '../../core/recommend/plan';
import type { UseCase } from '../../core/recommend/uses';

export interface RecommendRow {
  rank: number;
  name: string;
  /** "Ollama store", "local file" or "" (catalog). */
  where: string;
  quant: string;
  sizeText: string;
  plan: PlanKind;
  fitText: string;
  planText: string;
  decodeText: string;
  prefillText: string;
  memText: string;
  qualityText: string;
  /** Where the quality figure comes from (tooltip). */
  qualitySource: string;
  notes: string[];
  llamaServer: string;
  modelfile: string | null;
  /** Why there is no Modelfile, or the Ollama server environment it needs. */
  modelfileNote: string;
}

export interface RecommendViewMessage {
  type: 'recommend';
  hardwareLabel: string;
  use: UseCase;
  uses: UseCase[];
  heading: string;
  rows: RecommendRow[];
  /** Models that load but stay below the minimum speed; "" when none. */
  tooSlowText: string;
  footnote: string;
}

/** Shown while the list is computed (it takes a few seconds on a slow machine). */
export interface RecommendBusyMessage {
  type: 'busy';
  use: UseCase;
  hardwareLabel: string;
}

export interface RecommendCopiedMessage {
  type: 'copied';
  row: number;
  what: CopyWhat;
}

export type RecommendToWebview = RecommendViewMessage | RecommendBusyMessage | RecommendCopiedMessage;

export type CopyWhat = 'llamaServer' | 'modelfile';

/** What the webview may ask: rows are named by index, so the clipboard only ever gets text the extension built. */
export type RecommendFromWebview =
  { type: 'ready' } | { type: 'use'; use: UseCase } | { type: 'copy'; row: number; what: CopyWhat } | { type: 'command'; command: string };
