// The authoring lint rules: stable codes, default severities, and the user's overrides (setting modelFit.lint.rules).
import type { FitDiagnostic, Severity } from '../types';

export type RuleSeverity = Severity | 'off';

export const LINT_RULES: Readonly<Record<string, { severity: Severity; doc: string }>> = {
  'modelfile.unknown-instruction': { severity: 'error', doc: 'First word of a command is not a Modelfile instruction (did-you-mean fix)' },
  'modelfile.unknown-parameter': {
    severity: 'error',
    doc: 'PARAMETER name Ollama does not know: `ollama create` refuses it (did-you-mean fix)',
  },
  'modelfile.deprecated-parameter': { severity: 'warning', doc: 'PARAMETER Ollama accepts but ignores (fix: remove the line)' },
  'modelfile.bad-value': { severity: 'error', doc: 'PARAMETER value of the wrong type (a number, a whole number, true/false)' },
  'modelfile.out-of-range': {
    severity: 'error',
    doc: 'PARAMETER value outside what it can mean (a probability above 1, a negative count)',
  },
  'modelfile.legacy-value': {
    severity: 'warning',
    doc: "Value left from an old Ollama default, e.g. num_ctx 2048 (Ollama's default before 0.6.7)",
  },
  'modelfile.duplicate-from': { severity: 'warning', doc: 'More than one FROM: only the last one is used (fix: remove the earlier one)' },
  'modelfile.duplicate-parameter': {
    severity: 'warning',
    doc: 'Single-valued PARAMETER set twice: the last value wins (fix: remove the earlier one)',
  },
  'modelfile.duplicate-instruction': { severity: 'warning', doc: 'TEMPLATE, SYSTEM, REQUIRES … given twice: the last one wins' },
  'modelfile.missing-file': {
    severity: 'error',
    doc: 'ADAPTER, DRAFT or local FROM path that does not exist (relative paths: from the Modelfile)',
  },
  'modelfile.template-unbalanced': { severity: 'error', doc: 'TEMPLATE with an unclosed {{ or a stray }}, or if/range/with without end' },
  'modelfile.bad-role': { severity: 'error', doc: 'MESSAGE role other than system, user or assistant (did-you-mean fix)' },
  'modelfile.stop-needs-quotes': { severity: 'warning', doc: 'Unquoted stop value with trailing blanks the parser drops (fix: quote it)' },
  'modelfile.missing-value': { severity: 'error', doc: 'Instruction without a value' },
  'modelfile.unterminated-string': { severity: 'error', doc: 'Opening " or """ without its closing quote' },
  'modelfile.missing-from': { severity: 'error', doc: 'No FROM instruction' },
  'llama-args.missing-file': { severity: 'error', doc: '--mmproj or --lora file that does not exist' },
};

/** The user's overrides from settings: code → severity or "off"; anything else is ignored. */
export function parseSeverityOverrides(raw: unknown): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [code, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === 'error' || v === 'warning' || v === 'info' || v === 'off') out[code] = v;
  }
  return out;
}

/** Apply overrides: a rule set "off" disappears, others take the severity given. */
export function withSeverities(diagnostics: FitDiagnostic[], overrides: Record<string, RuleSeverity>): FitDiagnostic[] {
  const out: FitDiagnostic[] = [];
  for (const d of diagnostics) {
    const o = overrides[d.code];
    if (o === 'off') continue;
    out.push(o ? { ...d, severity: o } : d);
  }
  return out;
}
