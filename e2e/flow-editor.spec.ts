import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';

// The marketer's journey through the flow editor, against the real server and demo data.
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
const ADMIN = { email: 'admin@patron.local', password: 'e2e-admin-password' };

async function signIn(page: Page, who = MARKETER) {
  await page.goto('/admin/login');
  await page.getByLabel(/^(Email|Эл\. почта|Почта|E-mail)/i).fill(who.email);
  await page.getByLabel(/^(Password|Пароль)/i).fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin\/?$/);
}

async function graphql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    data: { query, variables },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function staffToken(request: APIRequestContext, who = ADMIN): Promise<string> {
  const data = await graphql(request, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: who });
  return data.login.token;
}

const node = (page: Page, id: string) => page.locator(`.vue-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, port: string) => node(page, id).locator(`.vue-flow__handle[data-handleid="${port}"]`);

async function dropFromPalette(page: Page, kind: string, x: number, y: number) {
  await page.locator(`.palette__item[data-kind="${kind}"]`).dragTo(page.locator('.vue-flow__pane'), { targetPosition: { x, y } });
}

async function connect(page: Page, source: string, port: string, target: string) {
  await handle(page, source, port).dragTo(handle(page, target, 'in'));
}

async function openNode(page: Page, id: string) {
  await node(page, id).locator('.flow-node__label').click();
  await expect(page.locator('.inspector__id')).toHaveText(id);
}

async function setNumber(field: Locator, value: string) {
  const input = field.locator('input').first();
  await input.fill(value);
  await input.blur();
}


test.describe('flow editor', () => {
  test.use({ locale: 'en-US', viewport: { width: 1920, height: 1080 } });

  test('a marketer builds a campaign by dragging, fixes a problem, simulates, publishes, and a purchase earns its points', async ({ page, request }) => {
    // The longest journey in the suite (build, simulate, publish, buy, diff, profile): room on a busy runner.
    test.setTimeout(120_000);
    await signIn(page);
    await page.getByRole('navigation').getByText('Campaigns', { exact: true }).click();
    await expect(page.getByText('Двойные баллы от 1 000 ₽')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/campaigns-list-en.png' });

    await page.getByTestId('campaign-create').click();
    await page.locator('#campaign-name').fill('E2E coffee boost');
    await page.getByRole('button', { name: 'Create and open the editor' }).click();
    await expect(page).toHaveURL(/\/admin\/campaigns\/[\w=]+$/);
    const campaignId = decodeURIComponent(page.url().split('/').pop()!);
    await expect(page.getByRole('heading', { name: 'E2E coffee boost' })).toBeVisible();
    await expect(page.getByText('The flow is empty: add a trigger.')).toBeVisible();
    await expect(page.getByTestId('publish')).toBeDisabled();

    // Drag trigger → condition → split → two awards from the palette.
    await dropFromPalette(page, 'trigger.purchase', 40, 200);
    await dropFromPalette(page, 'condition.amount', 300, 200);
    await dropFromPalette(page, 'split.ab', 560, 200);
    await dropFromPalette(page, 'action.awardPoints', 820, 80);
    await dropFromPalette(page, 'action.awardPoints', 820, 320);
    await expect(page.locator('.vue-flow__node')).toHaveCount(5);
    await expect(node(page, 'amount-1')).toContainText('Purchase ≥');

    await connect(page, 'purchase-1', 'out', 'amount-1');
    await connect(page, 'amount-1', 'true', 'ab-1');
    await connect(page, 'ab-1', 'A', 'awardPoints-1');
    await expect(page.locator('.vue-flow__edge')).toHaveCount(3);
    // A connection the shared canConnect() refuses is not drawn: nothing leads into a trigger.
    await handle(page, 'awardPoints-1', 'out').dragTo(node(page, 'purchase-1'));
    await expect(page.locator('.vue-flow__edge')).toHaveCount(3);

    // The second award is not connected yet: a diagnostic says so and blocks publishing.
    const unreachable = page.locator('.diagnostics__item[data-code="unreachable_node"]');
    await expect(unreachable).toContainText('No trigger leads to this node.');
    await expect(node(page, 'awardPoints-2').getByTestId('node-problem')).toBeVisible();
    await expect(page.getByTestId('publish')).toBeDisabled();
    await unreachable.click();
    await expect(page.locator('.inspector__id')).toHaveText('awardPoints-2');
    await connect(page, 'ab-1', 'B', 'awardPoints-2');
    await expect(unreachable).toHaveCount(0);

    // A parameter problem, shown under the field and on the node, then fixed.
    await openNode(page, 'ab-1');
    await setNumber(page.locator('.variants__row').first().locator('.n-input-number'), '70');
    await expect(page.getByTestId('variants-total')).toHaveText('Total: 120 % (must be 100 %)');
    await expect(page.locator('.diagnostics__item[data-code="parameter_invalid"]')).toBeVisible();
    await expect(page.getByTestId('publish')).toBeDisabled();
    await page.getByRole('button', { name: 'Split evenly' }).click();
    await expect(page.getByText('None: ready to publish')).toBeVisible();

    // Parameters: 500 ₽ threshold, 777 and 333 points.
    await openNode(page, 'amount-1');
    await setNumber(page.locator('[data-param="value"]'), '500');
    await expect(node(page, 'amount-1')).toContainText('500');
    await openNode(page, 'awardPoints-1');
    await setNumber(page.locator('[data-param="amount"]'), '777');
    await openNode(page, 'awardPoints-2');
    await setNumber(page.locator('[data-param="amount"]'), '333');
    await expect(node(page, 'awardPoints-2')).toContainText('+333 points');

    // Undo and redo: a parameter edit, then a deletion.
    await page.locator('.vue-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(node(page, 'awardPoints-2')).toContainText('+100 points');
    await page.keyboard.press('Control+Shift+z');
    await expect(node(page, 'awardPoints-2')).toContainText('+333 points');
    await openNode(page, 'awardPoints-2');
    await page.keyboard.press('Delete');
    await expect(page.locator('.vue-flow__node')).toHaveCount(4);
    await expect(page.locator('.vue-flow__edge')).toHaveCount(3);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.vue-flow__node')).toHaveCount(5);
    await expect(page.locator('.vue-flow__edge')).toHaveCount(4);
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

    expect(await seriousViolations(page, '.flow-editor')).toEqual([]);
    await page.screenshot({ path: 'e2e/screenshots/flow-editor-en.png' });

    // Simulate on Anna with a 1 500 ₽ purchase: the path lights up with what each step saw.
    await page.getByRole('tab', { name: 'Simulate' }).click();
    await page.getByTestId('sim-member').click();
    await page.keyboard.type('anna');
    await page.locator('.n-base-select-option', { hasText: 'Анна Иванова' }).click();
    await page.getByLabel('Purchase amount', { exact: true }).fill('1500');
    await page.getByTestId('sim-run').click();
    const result = page.getByTestId('sim-result');
    await expect(result).toContainText(/\+(777|333) points/);
    const simulated = (await result.locator('.simulate__effects li strong').first().textContent())!.match(/\+(\d+)/)![1];
    await expect(page.locator('.flow-node--visited')).toHaveCount(4);
    await expect(node(page, 'amount-1').getByTestId('node-inputs')).toContainText(/Purchase\s*₽1,500/);
    await expect(page.locator('.vue-flow__edge.flow-edge--visited')).toHaveCount(3);
    await page.screenshot({ path: 'e2e/screenshots/flow-editor-simulation-en.png' });

    // Publish with a note.
    await page.getByTestId('publish').click();
    await page.getByLabel('What changed').fill('First version from the e2e journey');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByText('Version 1 is published and running.')).toBeVisible();
    await expect(page.getByTestId('campaign-status')).toHaveText('Running');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await expect(page.locator('.versions__item[data-version="1"]')).toContainText('First version from the e2e journey');

    // A purchase through the API earns the campaign's points, as the simulation said.
    const token = await staffToken(request);
    const recorded = await graphql(
      request,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on PurchaseRecorded { campaignPoints account { member { id } } } } }`,
      { input: { externalId: `e2e-flow-${Date.now()}`, memberExternalId: 'CRM-1000', totalMinor: 150_000, currency: 'RUB', channel: 'ONLINE' } },
      token,
    );
    expect(recorded.recordPurchase.__typename).toBe('PurchaseRecorded');
    expect(recorded.recordPurchase.campaignPoints).toBeGreaterThanOrEqual(Number(simulated));
    const numericId = Number(Buffer.from(campaignId, 'base64').toString().split(':')[1]);
    const ledger = await graphql(
      request,
      `query($id: ID!) { member(id: $id) { ledger(first: 10) { edges { node { campaignId availableChange pendingChange } } } } }`,
      { id: recorded.recordPurchase.account.member.id },
      token,
    );
    const ours = ledger.member.ledger.edges.map((e: any) => e.node).filter((e: any) => e.campaignId === numericId);
    expect(ours.map((e: any) => e.availableChange + e.pendingChange)).toEqual([Number(simulated)]);

    // Change the draft and see the difference from version 1 drawn on the graph.
    await openNode(page, 'awardPoints-1');
    await setNumber(page.locator('[data-param="amount"]'), '800');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with the draft' }).click();
    await expect(page.getByTestId('diff-banner')).toContainText('0 added, 0 removed, 1 changed');
    await expect(node(page, 'awardPoints-1').locator('.flow-node--diff-changed')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/flow-editor-diff-en.png' });
    await page.getByRole('button', { name: 'Back to editing' }).click();
    await expect(page.getByTestId('diff-banner')).toHaveCount(0);

    // The member's profile in the console shows the points the campaign gave.
    await page.goto(`/admin/members/${recorded.recordPurchase.account.member.id}`);
    await expect(page.getByTestId('ledger-row').filter({ hasText: `+${Number(simulated)}` }).first()).toBeVisible();
  });

  test('copy, paste and duplicate keep the history; a second tab that saves first is a conflict', async ({ page, context }) => {
    await signIn(page);
    await page.goto('/admin/campaigns');
    await page.getByRole('link', { name: 'Двойные баллы от 1 000 ₽' }).click();
    await expect(page.locator('.vue-flow__node')).toHaveCount(5);
    await openNode(page, 'flat');
    await page.keyboard.press('Control+d');
    await expect(page.locator('.vue-flow__node')).toHaveCount(6);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.vue-flow__node')).toHaveCount(5);

    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.locator('.vue-flow__node')).toHaveCount(5);
    await expect(page.getByTestId('other-tab')).toBeVisible();
    await openNode(other, 'flat');
    await setNumber(other.locator('[data-param="amount"]'), '150');
    await expect(other.getByTestId('save-state')).toHaveText('All changes saved');

    await openNode(page, 'double');
    await setNumber(page.locator('[data-param="amount"]'), '3');
    await expect(page.getByTestId('conflict')).toBeVisible();
    await page.getByRole('button', { name: 'Load the saved draft' }).click();
    await expect(node(page, 'flat')).toContainText('+150 points');
    await other.close();
  });
});

/** 1 trigger, 399 amount conditions in a chain (true → next), 400 awards on the false branches. */
function bigGraph() {
  const nodes = [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }];
  const edges: { id: string; source: string; sourcePort: string; target: string }[] = [{ id: 'e-t', source: 't', sourcePort: 'out', target: 'c0' }];
  for (let i = 0; i < 399; i++) {
    const x = 280 * (1 + (i % 20));
    const y = 320 * Math.floor(i / 20);
    nodes.push({ id: `c${i}`, kind: 'condition.amount', params: { op: 'gte', value: 1000 * (i + 1) }, position: { x, y } });
    nodes.push({ id: `a${i}`, kind: 'action.awardPoints', params: { mode: 'fixed', amount: i + 1 }, position: { x, y: y + 150 } });
    edges.push({ id: `f${i}`, source: `c${i}`, sourcePort: 'false', target: `a${i}` });
    if (i < 398) edges.push({ id: `n${i}`, source: `c${i}`, sourcePort: 'true', target: `c${i + 1}` });
  }
  nodes.push({ id: 'last', kind: 'action.awardPoints', params: { mode: 'fixed', amount: 1 }, position: { x: 0, y: 6600 } });
  edges.push({ id: 'e-last', source: 'c398', sourcePort: 'true', target: 'last' });
  return { nodes, edges };
}

test.describe('flow editor performance', () => {
  test.use({ locale: 'en-US', viewport: { width: 1600, height: 1000 } });

  test('an 800-node graph opens, drags and saves (time and frame rate reported)', async ({ page, request }) => {
    const graph = bigGraph();
    expect(graph.nodes).toHaveLength(800);
    const token = await staffToken(request, MARKETER);
    await graphql(request, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }', { input: { name: 'E2E 800 nodes', graph } }, token);
    await signIn(page);
    // The editor's code is loaded once before timing (another campaign), as after a first visit.
    await page.goto('/admin/campaigns');
    await page.getByRole('link', { name: 'Двойные баллы от 1 000 ₽' }).click();
    await expect(page.locator('.vue-flow__node')).toHaveCount(5);
    await page.getByRole('link', { name: '← Campaigns' }).click();

    const started = Date.now();
    await page.getByRole('link', { name: 'E2E 800 nodes' }).click();
    await expect(page.locator('.vue-flow__node').first()).toBeVisible();
    await expect(page.getByText('None: ready to publish')).toBeVisible();
    const loadMs = Date.now() - started;

    // Drag one node across the canvas in 60 steps, counting the frames the browser drew.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const box = (await page.locator('.vue-flow__node').first().boundingBox())!;
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number; stop_: boolean };
      w.frames_ = 0;
      w.stop_ = false;
      const tick = () => {
        w.frames_++;
        if (!w.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const dragStart = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + 12);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + 12 + i * 2);
    await page.mouse.up();
    const dragMs = Date.now() - dragStart;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames_: number; stop_: boolean };
      w.stop_ = true;
      return w.frames_;
    });
    const fps = Math.round((frames / dragMs) * 1000);
    test.info().annotations.push({ type: 'perf', description: `800 nodes: editor ready in ${loadMs} ms; 60-step drag took ${dragMs} ms at ${fps} frames/s` });
    console.info(`[perf] 800 nodes: editor ready in ${loadMs} ms; 60-step drag took ${dragMs} ms at ${fps} frames/s`);
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    // Speed is reported (annotation and [perf] line), never asserted: a wall-clock bound would
    // measure the runner, not the editor. What is asserted: the graph opens whole and saves.
    expect(frames).toBeGreaterThan(0);

    // The overview map shows the whole flow; a click near its bottom moves the view to the
    // last node, far below the first ones and not drawn until then.
    const last = page.locator('.vue-flow__node[data-id="last"]');
    await expect(last).toHaveCount(0);
    const minimap = page.getByRole('img', { name: 'Overview map of the flow' });
    await expect(minimap).toBeVisible();
    const map = (await minimap.boundingBox())!;
    await minimap.click({ position: { x: map.width * 0.25, y: map.height - 10 } });
    await expect(last).toBeInViewport();
  });
});

test.describe('flow editor in Russian', () => {
  test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 1000 } });

  test('speaks Russian on the canvas, in the inspector and in the simulation', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/campaigns');
    await expect(page.getByRole('heading', { name: 'Кампании' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: 'e2e/screenshots/campaigns-list-ru.png' });
    await page.getByRole('link', { name: 'Двойные баллы от 1 000 ₽' }).click();
    await expect(node(page, 'amount')).toContainText('Покупка ≥ 1 000 ₽');
    await openNode(page, 'amount');
    await expect(page.locator('label[for="param-value"]')).toHaveText('Сумма');
    await page.getByRole('tab', { name: 'Проверка' }).click();
    await page.getByTestId('sim-member').click();
    await page.keyboard.type('anna');
    await page.locator('.n-base-select-option', { hasText: 'Анна Иванова' }).click();
    await page.getByTestId('sim-run').click();
    await expect(page.getByTestId('sim-result')).toContainText('Что получит участник');
    expect(await seriousViolations(page, '.flow-editor')).toEqual([]);
    await page.screenshot({ path: 'e2e/screenshots/flow-editor-simulation-ru.png' });
  });
});
