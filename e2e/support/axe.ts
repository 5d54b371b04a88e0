import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Waits until every finite CSS animation and transition on the page has ended. A table that
 * leaves its loading state fades back from half opacity over 0.3 s; axe measuring contrast in
 * the middle of that fade reports the dimmed text (CI saw #757886 for #5c6070), so a check
 * run right after the data arrives must wait for the fade, not for a fixed time.
 */
export async function settled(page: Page) {
  await page.evaluate(async () => {
    for (let round = 0; round < 5; round += 1) {
      const running = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity && animation.playState === 'running');
      if (!running.length) return;
      await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
    }
  });
}

/** axe's serious and critical findings inside `selector` once the page is still, as short lines (contrast ones with their colours). */
export async function seriousViolations(page: Page, selector?: string) {
  await settled(page);
  const builder = new AxeBuilder({ page });
  const results = await (selector ? builder.include(selector) : builder).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 3).map((node) => {
        const data = node.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
        const colours = data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1)` : '';
        return `${node.target.join(' ')}${colours}`;
      });
      return `${violation.id}: ${nodes.join(', ')}${violation.nodes.length > 3 ? ` and ${violation.nodes.length - 3} more` : ''}`;
    });
}
