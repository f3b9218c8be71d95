// An accessibility scan with axe-core (npm, run in the page itself): no serious or critical violations.
// The page's CSP allows only 'self' scripts, so axe is not added as a <script>: playwright's evaluate runs
// it the way devtools would, outside the page's CSP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page as it is now and fails on any serious or critical violation. */
export async function assertAccessible(page, name) {
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(
    violations,
    [],
    `axe found serious or critical accessibility problems on "${name}":\n${violations
      .map((v) => `  ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`)
      .join('\n')}`,
  );
}
