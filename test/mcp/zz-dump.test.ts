import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { connectInMemory, makeRepo } from '/work/main/test/mcp/helpers.js';
it('dump', async () => {
  const c = await connectInMemory(makeRepo({ git: false }));
  const res = await c.client.listTools();
  writeFileSync('/tmp/tools.json', JSON.stringify(res, null, 1));
});
