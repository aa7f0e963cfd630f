import type { Usage } from '../model/whats-next-report.js';

/** One line for stderr: `usage: 2 LLM calls, 1,234 input tokens, 567 output tokens`. */
export function formatUsage(t: Usage, estimated = false, outputModes: readonly string[] = []): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const modes = outputModes.length ? `; JSON obtained by ${outputModes.join(', ')}` : '';
  return `usage: ${t.llmCalls} LLM call${t.llmCalls === 1 ? '' : 's'}, ${n(t.inputTokens)} input tokens, ${n(t.outputTokens)} output tokens${estimated ? ' (estimated)' : ''}${modes}`;
}
