import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../../src/parse/plan.js';
import { renderPlan } from '../../src/render/plan.js';
test('x', () => {
  for (const f of ['chat-feature/chat-infrastructure/README.md','chat-feature/README.md','agent-skills-roadmap/README.md', 'hero-scene/README.md']) {
    const t = readFileSync('../shared/corpora/synchestra-spec/spec/plans/' + f, 'utf8');
    const p = parsePlan(t);
    console.log(f, JSON.stringify(p.findings), JSON.stringify(p.plan.header), p.plan.steps?.map(s => [s.number, s.title, s.dependsOn, s.produces.length, s.acceptanceCriteria.length, s.subSteps.map(x=>x.number+':'+x.dependsOn), s.extraFields]));
    const r = renderPlan(p.plan);
    if (f.startsWith('chat-feature/chat-inf')) { require('fs').writeFileSync('/tmp/r.md', r); }
  }
});
