import type { Action, Hint } from '../src/model/errors.js';

const STATUS_OF = {
  submit: 'in_review',
  revise: 'draft',
  approve: 'approved',
  supersede: 'superseded',
  reject: 'rejected',
  withdraw: 'withdrawn',
  deprecate: 'deprecated',
} as const;

/** An action as the tool call that does it. */
function toolCall(a: Action): string {
  switch (a.do) {
    case 'lint':
      return a.path ? `lint_plans with paths ["${a.path}"]` : 'lint_plans';
    case 'index':
      return 'update_index';
    case 'status':
      return a.plan ? `plan_status with plan "${a.plan}"` : 'list_plans';
    case 'list':
      return `list_${a.of}`;
    case 'new':
      return a.plan ? `scaffold_plan with plan "${a.plan}"` : 'scaffold_plan';
    case 'transition':
      return `set_plan_status with plan "${a.plan}", status "${STATUS_OF[a.transition]}"${a.transition === 'supersede' ? `, by "${a.by ?? 'NEW'}"` : ''}${a.transition === 'approve' ? ', approver "@name"' : ''}`;
    case 'draft':
      return 'the draft_plan prompt, then write_plan';
    case 'suggest':
      return a.plan ? `suggest_effort_impact with plan "${a.plan}"` : 'suggest_effort_impact';
    case 'whats-next':
      return `regenerate_whats_next${a.mode ? ` with mode "${a.mode}"` : ''}`;
    case 'check-frozen':
      return 'lint_plans';
    case 'option':
      return a.value === undefined ? `"${a.name}"` : `"${a.name}": ${JSON.stringify(a.value)}`;
  }
}

/** A hint as MCP text: actions become tool calls. */
export function toolHint(hint: Hint): string {
  return hint.map((p) => (typeof p === 'string' ? p : toolCall(p))).join('');
}
