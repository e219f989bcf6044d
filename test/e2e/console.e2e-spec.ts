import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  databaseUrl,
  freePort,
  REPO_ROOT,
  request,
  runNode,
  type RunningProcess,
  TEST_BOOTSTRAP_TOKEN,
  TEST_ENCRYPTION_KEYS,
  TEST_REDIS_URL,
  waitForHttp,
} from '@leadflow/testing';
import { type ConsoleBrowser, openConsoleBrowser } from './support/browser';

/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the whole
 * stack in its own processes — sandbox CRM, API serving the console, worker — as `npm start` runs
 * it. An admin goes through onboarding from the CRM choice to a live routed lead (HubSpot OAuth
 * against the sandbox), then the rule editor's errors, leads, the webhook debugger (replay as an
 * operator), health and analytics, and what a viewer may not do. Each main screen is saved to
 * docs/screenshots/ for docs/console.md. One browser page for the whole file.
 */

const OWNERS = ['ada', 'grace', 'alan'].map((name) => ({
  email: `${name}@console.example`,
  firstName: name[0]!.toUpperCase() + name.slice(1),
  lastName: 'Console',
}));

async function ready(child: RunningProcess, url: string): Promise<void> {
  const died = child.exited.then((code) => {
    throw new Error(`exited (${code}) before ${url} was ready:\n${child.output()}`);
  });
  await Promise.race([waitForHttp(url), died]);
}

describe('web console in Chromium against the sandbox, API and worker', () => {
  const databaseName = `lf_test_${inject('testRunId')}_console`;
  const queuePrefix = `lf-e2e-console-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(12).toString('hex');
  const hubspotApp = { clientId: `console-hs-${secret}`, clientSecret: `hs-secret-${secret}`, appId: 7401 };
  const processes: RunningProcess[] = [];
  let apiUrl: string;
  let sandboxUrl: string;
  let keys: { admin: string; operator: string; viewer: string };
  let portalId: number;
  let browser: ConsoleBrowser;
  let page: Page;

  const sandbox = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(sandboxUrl, method, `/_sandbox/hubspot${path}`, { body });
    if (res.status >= 300) throw new Error(`${method} /_sandbox/hubspot${path} → ${res.status} ${res.text}`);
    return res.body as T;
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);

    const [apiPort, workerPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const common = {
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      HUBSPOT_API_BASE_URL: sandboxUrl,
      HUBSPOT_AUTH_BASE_URL: sandboxUrl,
      HUBSPOT_CLIENT_ID: hubspotApp.clientId,
      HUBSPOT_CLIENT_SECRET: hubspotApp.clientSecret,
      HUBSPOT_APP_ID: String(hubspotApp.appId),
    };
    const sandboxProcess = runNode('dist/apps/sandbox/src/main.js', {
      PORT: String(sandboxPort),
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
    });
    const apiProcess = runNode('dist/apps/api/src/main.js', {
      ...common,
      PORT: String(apiPort),
      PUBLIC_BASE_URL: apiUrl,
      ADMIN_BOOTSTRAP_TOKEN: TEST_BOOTSTRAP_TOKEN,
    });
    const workerProcess = runNode('dist/apps/worker/src/main.js', {
      ...common,
      WORKER_HEALTH_PORT: String(workerPort),
      POLL_SCHEDULER_INTERVAL_MS: '500',
    });
    processes.push(sandboxProcess, apiProcess, workerProcess);
    const [opened] = await Promise.all([
      openConsoleBrowser(),
      ready(sandboxProcess, `${sandboxUrl}/health/ready`),
      ready(apiProcess, `${apiUrl}/health/ready`),
      ready(workerProcess, `http://127.0.0.1:${workerPort}/health/ready`),
    ]);
    browser = opened;
    page = browser.page;

    // A tenant with a key per role, made through the public API.
    const tenant = await request(apiUrl, 'POST', '/v1/tenants', {
      key: TEST_BOOTSTRAP_TOKEN,
      body: { name: 'Console Co', slug: 'console-co' },
    });
    expect(tenant.status).toBe(201);
    const admin = tenant.body.apiKey.key as string;
    const keyFor = async (role: string) => {
      const res = await request(apiUrl, 'POST', '/v1/api-keys', { key: admin, body: { name: role, role } });
      expect(res.status).toBe(201);
      return res.body.key as string;
    };
    keys = { admin, operator: await keyFor('operator'), viewer: await keyFor('viewer') };

    // The team's HubSpot portal, with owners and a few leads already, and the Leadflow app
    // (OAuth client and webhook settings) as its developer would have registered it.
    portalId = (await sandbox('POST', '/portals', { name: 'Console portal' })).portalId;
    await sandbox('POST', `/portals/${portalId}/owners`, { owners: OWNERS });
    await sandbox('POST', '/apps', { ...hubspotApp, portalId });
    await sandbox('PUT', `/apps/${hubspotApp.clientId}/webhooks`, {
      targetUrl: `${apiUrl}/v1/webhooks/hubspot`,
      subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
      batchWindowMs: 50,
    });
    await sandbox('POST', `/portals/${portalId}/objects/leads/generate`, { count: 3 });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const child of [...processes].reverse()) await child.stop('SIGTERM').catch(() => undefined);
    const pg = new Client({ connectionString: databaseUrl('postgres') });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await pg.end();
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      if (found.length > 0) await redis.del(...found);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  });

  async function signIn(key: string) {
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('role-badge').waitFor();
  }
  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
  }
  const nav = (label: string) => page.getByRole('navigation').getByRole('link', { name: label }).click();

  async function createHubSpotLead(name: string): Promise<string> {
    const { objects: contacts } = await sandbox('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [
        { properties: { email: `${name.toLowerCase()}@leads.example`, firstname: name, lastname: 'Live' } },
      ],
    });
    const { objects: leads } = await sandbox('POST', `/portals/${portalId}/objects/leads`, {
      objects: [
        {
          properties: { hs_lead_name: `${name} Live` },
          associations: [{ toObjectType: 'contacts', toObjectId: contacts[0].id, primary: true }],
        },
      ],
    });
    return String(leads[0].id);
  }

  it('serves the console at / beside the API, which keeps its own paths', async () => {
    const spa = await fetch(`${apiUrl}/routing`, { headers: { accept: 'text/html' } });
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<div id="root">');
    const unknownApi = await fetch(`${apiUrl}/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${apiUrl}/health/live`)).status).toBe(200);
  });

  it('onboards from the CRM choice through OAuth, mapping and a first rule to a live routed lead', async () => {
    await page.goto(`${apiUrl}/`);
    await page.getByLabel('API key').waitFor();
    await browser.screenshot('sign-in');
    await signIn(keys.admin);
    expect(page.url()).not.toContain(keys.admin);

    // 1. Which CRM: cards saying what each needs.
    await page.getByTestId('crm-card-hubspot').waitFor();
    expect(await page.getByTestId('crm-card-monday').textContent()).toContain('People column');
    await browser.screenshot('onboarding-crm-choice');
    await page.getByRole('button', { name: 'Use HubSpot' }).click();

    // 2. Connect by OAuth: the sandbox consents and sends the browser back through the API's callback.
    await page.getByRole('button', { name: 'Connect HubSpot' }).click();
    await page.getByTestId('oauth-connected').waitFor();
    expect(new URL(page.url()).pathname).toBe('/onboarding');
    expect(await page.getByTestId('primary-object').textContent()).toBe('leads');
    await browser.screenshot('onboarding-connected');
    await page.getByRole('button', { name: 'Continue to field mapping' }).click();

    // 3. Mapping: discovered fields and suggestions prefilled, a live preview, publish.
    const wizard = page.getByTestId('mapping-wizard');
    await wizard.getByRole('button', { name: 'Publish mapping' }).waitFor();
    await wizard.getByLabel('Source of email').waitFor();
    await wizard.getByRole('button', { name: 'Preview with live records' }).click();
    await page.getByTestId('mapping-preview').waitFor();
    expect(await page.getByTestId('mapping-preview').textContent()).toContain('raw → normalized');
    await browser.screenshot('mapping-wizard', { fullPage: true });
    await wizard.getByRole('button', { name: 'Publish mapping' }).click();

    // 4. First pool (the CRM's owners) and a rule sending every lead to it, published.
    const create = page.getByRole('button', { name: 'Create pool and publish rule' });
    await create.waitFor();
    for (const owner of OWNERS)
      await page.getByRole('checkbox', { name: new RegExp(owner.firstName) }).waitFor();
    await browser.screenshot('onboarding-first-pool');
    await create.click();

    // 5. Live test: a lead created in the CRM shows up routed, with its owner written back.
    await page.getByText('Create a lead in the CRM now').waitFor();
    await createHubSpotLead('Lovelace');
    await page.getByTestId('live-routed').waitFor({ timeout: 45_000 });
    const rep = await page.getByTestId('live-lead-rep').first().textContent();
    expect(OWNERS.map((o) => `${o.firstName} ${o.lastName}`)).toContain(rep?.trim());
    await browser.screenshot('onboarding-live-test');
  }, 150_000);

  it('shows rule validation errors next to the field they concern', async () => {
    await nav('Routing');
    const editor = page.getByTestId('rule-editor');
    await editor.getByTestId('rule-0').waitFor();
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const rule = editor.getByTestId('rule-1');
    await rule.getByLabel('Name').fill('Enterprise');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    const error = rule.locator('.mantine-InputWrapper-error').first();
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(0);
    expect(await rule.getByLabel('Pool').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('api-error').waitFor();
    await browser.screenshot('routing-rule-errors');
    await rule.getByRole('button', { name: 'Remove' }).click();
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByRole('status').getByText('Draft saved.').waitFor();

    // A rule with two Route-If groups (OR'ed; the conditions within a group AND'ed), dragged above
    // the catch-all rule (which must stay last), moved down and up again with the keyboard-reachable
    // ↓/↑ buttons, then published.
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const added = editor.getByTestId('rule-1');
    await added.getByLabel('Name').fill('Atlantis');
    await added.getByLabel('Action').click();
    await page.getByRole('option', { name: 'Leave unrouted' }).click();
    await added.getByRole('button', { name: 'Add condition', exact: true }).click();
    await added.getByLabel('Rule 2 condition 1 field').fill('country');
    await added.getByLabel('Rule 2 condition 1 value').fill('Atlantis');
    await added.getByRole('button', { name: 'Add “or” group' }).click();
    await added.getByLabel('Rule 2 group 2 condition 1 field').fill('country');
    await added.getByLabel('Rule 2 group 2 condition 1 value').fill('Lemuria');
    await added.getByRole('button', { name: 'Add condition to group 2' }).click();
    await added.getByLabel('Rule 2 group 2 condition 2 field').fill('email');
    await added.getByLabel('Rule 2 group 2 condition 2 operator').click();
    await page.getByRole('option', { name: 'exists', exact: true }).click();
    expect(await added.textContent()).toContain('any of these groups');
    expect(await added.getByTestId('condition-group-1').textContent()).toMatch(/^or/);
    await editor.getByTestId('rule-0').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    const from = (await added.getByTestId('rule-1-handle').boundingBox())!;
    const to = (await editor
      .getByTestId('rule-0')
      .getByText('Rule 1', { exact: false })
      .first()
      .boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 20, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await editor.getByTestId('rule-0').getByText('Rule 1: Atlantis').waitFor();
    await editor.getByRole('button', { name: 'Move Rule 1 down' }).click();
    await editor.getByTestId('rule-1').getByText('Rule 2: Atlantis').waitFor();
    await editor.getByRole('button', { name: 'Move Rule 2 up' }).click();
    await editor.getByTestId('rule-0').getByText('Rule 1: Atlantis').waitFor();
    expect(await editor.getByTestId('rule-1').getByLabel('Name').inputValue()).toBe(
      'Everyone to Inbound team',
    );
    await editor.getByRole('button', { name: 'Publish' }).click();
    const published = (await editor
      .getByRole('status')
      .getByText(/^Version \d+ published\.$/)
      .textContent())!;
    const live = Number(/\d+/.exec(published)![0]);
    expect(live).toBeGreaterThan(1);

    // Version history: what changed since the version before, and a rollback to it.
    const compare = editor.getByTestId('version-compare');
    await compare.getByRole('button', { name: 'Show changes' }).click();
    const diff = compare.getByTestId('version-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain(`v${live - 1} → v${live}`);
    expect(await diff.textContent()).toContain('+ Atlantis (position 1)');
    await editor.getByRole('button', { name: `Roll back to v${live - 1}` }).click();
    await editor
      .getByRole('status')
      .getByText(`Version ${live - 1} republished as version ${live + 1}.`)
      .waitFor();
    const newest = editor.getByTestId('version-row').first();
    await newest.getByText(`restored from v${live - 1}`).waitFor();
    expect(await newest.textContent()).toContain('live');
    await compare.getByRole('button', { name: 'Show changes' }).click();
    await diff.getByText(`v${live} → v${live + 1}`).waitFor();
    expect(await diff.textContent()).toContain('− Atlantis');
    await compare.scrollIntoViewIfNeeded();
    await browser.screenshot('routing-versions');

    // The simulator routes the leads so far against the draft, changing nothing.
    const simulator = page.getByTestId('simulator');
    await simulator.getByRole('button', { name: 'Simulate' }).click();
    await simulator.getByText(/^assigned: [1-9]/).waitFor();
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await browser.screenshot('routing-simulator');
  });

  it('lists leads and shows a lead’s journey', async () => {
    await nav('Leads');
    const row = page.getByTestId('lead-row').filter({ hasText: 'Lovelace' }).first();
    await row.waitFor();
    await browser.screenshot('leads');
    await row.getByRole('link').click();
    await page.getByTestId('lead-decision').waitFor();
    await page.getByTestId('lead-timeline').getByText('Write-back: done').waitFor({ timeout: 30_000 });
    await browser.screenshot('lead-journey');
  });

  it('shows health and analytics', async () => {
    await nav('Connections & health');
    await page.getByTestId('connection-card').first().waitFor();
    expect(await page.getByTestId('connection-card').first().textContent()).toContain('circuit closed');
    await page.getByTestId('connection-card').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Sync runs' }).waitFor();
    await page.getByTestId('sync-run').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Import the last 30 days' }).click();
    await page.getByTestId('backfill').filter({ hasText: 'completed' }).first().waitFor({ timeout: 30_000 });
    await browser.screenshot('connections-health');
    await nav('Analytics');
    await page.getByTestId('chart-rep').waitFor();
    await browser.screenshot('analytics');
  });

  it('lets an operator replay a webhook delivery from the debugger', async () => {
    await signOut();
    await signIn(keys.operator);
    expect(await page.getByTestId('role-badge').textContent()).toBe('operator');
    await nav('Webhook debugger');
    await page
      .getByTestId('delivery-row')
      .filter({ hasText: /processed|queued|received/ })
      .first()
      .click();
    const detail = page.getByTestId('delivery-detail');
    await detail.getByText('Verification: authentic').waitFor();
    expect(await page.getByTestId('delivery-payload').textContent()).toContain('subscriptionType');
    await detail.getByRole('button', { name: 'Replay' }).click();
    await page.getByTestId('replay-result').waitFor();
    expect(await page.getByTestId('replay-result').textContent()).toMatch(/Replayed: \d+ intake job/);
    await browser.screenshot('webhook-debugger');
  });

  it('lets a viewer look but not change anything, on a wide and a narrow screen', async () => {
    await signOut();
    await signIn(keys.viewer);
    expect(new URL(page.url()).pathname).toBe('/leads');
    await nav('Routing');
    const editor = page.getByTestId('rule-editor');
    await editor.getByTestId('rule-0').waitFor();
    for (const name of ['Add rule', 'Save draft', 'Publish']) {
      expect(await editor.getByRole('button', { name }).isDisabled()).toBe(true);
    }
    expect(await editor.getByTestId('rule-0').getByLabel('Name').isDisabled()).toBe(true);
    expect(
      await editor.getByTestId('rule-0').getByLabel('Rule 1 group 2 condition 1 field').isDisabled(),
    ).toBe(true);
    expect(await editor.getByTestId('rule-0-handle').count()).toBe(0);
    expect(await editor.getByRole('button', { name: 'Move Rule 2 up' }).isDisabled()).toBe(true);
    // Viewers read the version history and compare versions, but cannot roll back.
    expect(await editor.getByTestId('version-row').count()).toBeGreaterThanOrEqual(3);
    expect(
      await editor
        .getByRole('button', { name: /^Roll back to v/ })
        .first()
        .isDisabled(),
    ).toBe(true);
    await editor.getByTestId('version-compare').getByRole('button', { name: 'Show changes' }).click();
    await editor.getByTestId('version-diff').waitFor();
    await browser.screenshot('routing-viewer');
    await nav('Webhook debugger');
    await page.getByTestId('delivery-row').first().click();
    expect(
      await page.getByTestId('delivery-detail').getByRole('button', { name: 'Replay' }).isDisabled(),
    ).toBe(true);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Onboarding' }).count()).toBe(0);
    await nav('Leads');
    await page.getByTestId('lead-row').filter({ hasText: 'Lovelace' }).first().getByRole('link').click();
    await page.getByTestId('lead-decision').waitFor();
    expect(await page.getByRole('button', { name: 'Re-route' }).isDisabled()).toBe(true);

    // Narrow: the navigation folds behind a menu button that the keyboard reaches and opens.
    await page.setViewportSize({ width: 390, height: 844 });
    const burger = page.getByRole('button', { name: 'Toggle navigation' });
    await burger.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').getByRole('link', { name: 'Leads' }).click();
    await page.getByTestId('lead-row').first().waitFor();
    await browser.screenshot('leads-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('logged no browser console errors', () => {
    // The one error response the tests ask for (the invalid rule) is logged by Chromium as a failed
    // resource; anything else is a console error of the console's own.
    const unexpected = browser.errors.filter(
      (e) => !/status of 400 .*\/v1\/rule-sets\/draft\)$/.test(e.replace(/\(Bad Request\) /, '')),
    );
    expect(unexpected).toEqual([]);
  });
});
