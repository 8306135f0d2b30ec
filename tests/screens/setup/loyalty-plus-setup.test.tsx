// Utilities > Setup > Module Parameters > Services > Web Services > LoyaltyPlus Integration on a
// real temp store: save and reload, refusals at the field, secrets never in a frame, and Test
// against the real simulator over HTTPS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/integrations/loyaltyplus/simulator/server.js';
import { LoyaltyPlusSetupScreen } from '../../../src/screens/setup/module-parameters/loyalty-plus-setup.js';
import type { TestConnection, TestOutcome } from '../../../src/screens/setup/module-parameters/loyalty-plus-test-text.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { render, stripAnsi, type Rendered } from '../render.js';
import { ENTER, ESC, F10, F8, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const SECRET_START = 'RMICLP_SIM_4417_START';
const SECRET_END = 'RMICLP_SIM_9052_END';
const IDS = { partnerId: 'STORE-17', terminalId: 'TERM-03', apiId: '992275499' };
const MEMBER = { account: '4000123', card: '6009001000123', name: 'Thandi Mokoena', points: 1234, pointsValue: 1234 };

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator({ ...IDS, secretStart: SECRET_START, secretEnd: SECRET_END, members: [MEMBER] });
});
afterAll(async () => {
  await sim.close();
});

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const BREADCRUMB = 'Main Menu › … › Web Services › LoyaltyPlus Integration';
const settingsText = (t: TempStore) => readFileSync(path.join(t.dir, 'settings.json'), 'utf8');
const allFrames = (v: Rendered) => v.frames.map(stripAnsi).join('\n');
const noSecretsShown = (v: Rendered, ...secrets: string[]) => {
  const frames = allFrames(v);
  for (const s of [SECRET_START, SECRET_END, ...secrets]) expect(frames.includes(s), 'a secret was drawn in clear').toBe(false);
};

async function open(test?: TestConnection): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  view = await renderScreen(<LoyaltyPlusSetupScreen {...(test ? { test } : {})} />, tmp.store, 'LoyaltyPlus Integration');
  return { view, tmp };
}

/** Field order: Enable, URL, Port, Secret Start, Secret End, Partner ID, Terminal ID, Timeout, SSL, API ID, CA file. */
const AT = { url: 1, port: 2, secretStart: 3, secretEnd: 4, partnerId: 5, terminalId: 6, timeout: 7, tls: 8, apiId: 9, caFile: 10 };
const to = (field: keyof typeof AT) => TAB.repeat(AT[field]);
const clear = ctrl('u');

/** Types a whole setup from the Enable field, every field cleared first; the focus ends on CA file. */
function setupKeys(o: { url: string; port: string; secretEnd?: string; caFile?: string; timeout?: string }): string {
  return [
    ' ', TAB, clear, o.url, TAB, clear, o.port, TAB, clear, SECRET_START, TAB, clear, o.secretEnd ?? SECRET_END,
    TAB, clear, IDS.partnerId, TAB, clear, IDS.terminalId, TAB, clear, o.timeout ?? '6', TAB, TAB, clear, IDS.apiId, TAB, clear, o.caFile ?? '',
  ].join('');
}

describe('LoyaltyPlus Integration setup', () => {
  it('is reached from the Main Menu: Utilities > Setup > Module Parameters > Services > Web Services', async () => {
    tmp = await openTempStore();
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)] });
    await view.write('us');
    await view.waitFor('Module Parameters');
    await view.write('m');
    const mp = await view.waitFor('Web Services');
    expect(mp).toContain('[Services]');
    expect(mp.split('\n')[0]).toContain('Main Menu › Utilities › Setup › Module Parameters');
    await view.write('w');
    const ws = await view.waitFor('Enabled:');
    expect(ws.split('\n')[0]).toContain('Main Menu › … › Setup › Module Parameters › Web Services');
    expect(rowWith(ws, 'LoyaltyPlus Integration')).toContain('Enabled: No');
    await view.write(ENTER);
    const f = await view.waitFor('Enable this Service');
    expect(f.split('\n')[0]).toContain(BREADCRUMB);
    for (const label of ['URL', 'Port', 'Secret Start', 'Secret End', 'Partner ID', 'Terminal ID', 'Timeout seconds', 'SSL Version', 'API ID', 'CA file']) {
      expect(f).toContain(label);
    }
    expect(rowWith(f, 'Port')).toContain('443');
    expect(rowWith(f, 'Timeout seconds')).toContain('6');
    expect(rowWith(f, 'SSL Version')).toContain('TLS 1.2');
    expect(f).toMatchObject(expect.stringContaining('F10 Accept'));
    expect(f).toContain('F8 Test');
    expect(f).toContain('Esc Cancel');
    // Accept an enabled setup and come back to the list: it says Enabled: Yes.
    await view.write(setupKeys({ url: 'https://loyalty.example.com', port: '443' }));
    await view.write(F10);
    const back = await view.waitFor((fr) => rowWith(fr, 'LoyaltyPlus Integration').includes('Enabled: Yes'));
    expect(back).not.toContain('Enable this Service');
    noSecretsShown(view);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('Accept saves every field; reopening shows them, the secrets masked only', async () => {
    const { view: first, tmp } = await open();
    await first.write(setupKeys({ url: 'https://loyalty.example.com/', port: '8443', timeout: '9', caFile: sim.caFile }));
    await first.waitFor((f) => rowWith(f, 'Secret End').includes('*'.repeat(SECRET_END.length)));
    await first.write(`${TAB.repeat(9)}`); // back round to SSL Version
    await first.waitFor((f) => rowWith(f, 'SSL Version').includes('<'));
    await first.write(`\x1b[C`);
    await first.waitFor('< TLS 1.3 >');
    await first.write(F10);
    await first.waitFor(MENU_TEXT);
    expect(tmp.onDisk('settings').loyaltyPlus).toEqual({
      enabled: true, url: 'https://loyalty.example.com', port: 8443, secretStart: SECRET_START, secretEnd: SECRET_END,
      ...IDS, timeoutSeconds: 9, tls: 'TLSv1.3', caFile: sim.caFile, testResults: [],
    });
    noSecretsShown(first);
    first.unmount();

    const again = await renderScreen(<LoyaltyPlusSetupScreen />, tmp.store, 'LoyaltyPlus Integration');
    view = again;
    const f = again.frame();
    expect(rowWith(f, 'Enable this Service')).toContain('[x] Yes');
    expect(rowWith(f, 'URL')).toContain('https://loyalty.example.com');
    expect(rowWith(f, 'Port')).toContain('8443');
    expect(rowWith(f, 'Secret Start')).toContain('*'.repeat(SECRET_START.length));
    expect(rowWith(f, 'Partner ID')).toContain(IDS.partnerId);
    expect(rowWith(f, 'Timeout seconds')).toContain('9');
    expect(rowWith(f, 'SSL Version')).toContain('TLS 1.3');
    expect(rowWith(f, 'CA file')).toContain(path.basename(sim.caFile).slice(0, 2));
    // Moving through the secrets (the cursor in them) still draws stars only.
    await again.write(`${to('secretStart')}${TAB}${TAB}`);
    await again.waitFor((fr) => rowWith(fr, 'Partner ID').startsWith('>') || rowWith(fr, 'Partner ID').includes('>'));
    noSecretsShown(again);
  });

  it('refuses a bad URL, port 0, timeout 0 and a missing CA file at the field, saving nothing', async () => {
    const { view, tmp } = await open();
    const before = settingsText(tmp);
    const refusedAt = async (label: string, message: string) => {
      const f = await view.waitFor(`! ${message}`);
      expect(rowWith(f, label)).toMatch(/>!/);
    };
    await view.write(`${to('url')}http://loyalty.example.com${TAB}`);
    await refusedAt('URL', 'URL: expected an https:// address');
    await view.write(`${clear}https://loyalty.example.com/v1${TAB}`);
    await refusedAt('URL', 'URL: expected the address only, without a path');
    await view.write(`${clear}https://loyalty.example.com${TAB}${clear}0${TAB}`);
    await refusedAt('Port', 'Port: 1 to 65535');
    await view.write(`${clear}443${TAB}${TAB}${TAB}${TAB}${TAB}${clear}0${TAB}`);
    await refusedAt('Timeout seconds', 'Timeout seconds: 1 to 60');
    await view.write(`${clear}6${TAB}${TAB}${TAB}/nowhere/ca.pem${TAB}`);
    await refusedAt('CA file', 'CA file: /nowhere/ca.pem does not exist');
    // Accept checks the whole form: it stays at the field, and the file is as it was.
    await view.write(F10);
    await refusedAt('CA file', 'CA file: /nowhere/ca.pem does not exist');
    // Enabled without the secrets and IDs: refused at the first one missing.
    await view.write(`${clear}${TAB}`);
    await view.waitFor((f) => rowWith(f, 'Enable this Service').includes('>'));
    await view.write(` ${F10}`);
    await refusedAt('Secret Start', 'Secret Start is required while the service is enabled');
    expect(view.frame()).not.toContain(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
  });
});

describe('LoyaltyPlus Integration Test', () => {
  async function testFrom(form: Rendered, account: string): Promise<void> {
    await form.write(F8);
    await form.waitFor('Loyalty account number');
    await form.write(`${account}${ENTER}`);
  }

  it('against the simulator: finds the member, records ok, and leaves the unsaved form alone', async () => {
    const { view, tmp } = await open();
    await view.write(setupKeys({ url: 'https://127.0.0.1', port: String(sim.port), caFile: sim.caFile }));
    await testFrom(view, MEMBER.account);
    const f = await view.waitFor('Thandi Mokoena', 10_000);
    expect(f).toContain('Test OK: Thandi Mokoena, 1234 points');
    expect(f.split('\n')[0]).toContain('Main Menu › … › LoyaltyPlus Integration › Test');
    const lp = tmp.onDisk('settings').loyaltyPlus!;
    expect(lp.testResults).toEqual([{ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), ok: true, account: MEMBER.account }]);
    // Only the result was written: the form's values are still unsaved.
    expect(lp).toMatchObject({ enabled: false, url: '', port: 443, secretStart: '', secretEnd: '', partnerId: '' });
    await view.write(ESC);
    const form = await view.waitFor((fr) => fr.includes('Enable this Service') && !fr.includes('Loyalty account number'));
    expect(rowWith(form, 'Port')).toContain(String(sim.port));
    await view.write(F10);
    await view.waitFor(MENU_TEXT);
    const saved = tmp.onDisk('settings').loyaltyPlus!;
    expect(saved).toMatchObject({ enabled: true, url: 'https://127.0.0.1', port: sim.port, secretEnd: SECRET_END });
    expect(saved.testResults).toHaveLength(1);
    noSecretsShown(view);
  });

  it('a wrong Secret End names "signature rejected" and records ok:false, kind signature', async () => {
    const wrong = 'RMICLP_WRONG_0000_END';
    const { view, tmp } = await open();
    await view.write(setupKeys({ url: 'https://127.0.0.1', port: String(sim.port), secretEnd: wrong, caFile: sim.caFile }));
    await testFrom(view, MEMBER.account);
    const f = await view.waitFor('signature rejected', 10_000);
    expect(f).toContain('Test failed at: signature rejected');
    expect(f).toContain('check Secret Start, Secret End');
    expect(tmp.onDisk('settings').loyaltyPlus!.testResults).toEqual([
      { at: expect.any(String), ok: false, kind: 'signature', account: MEMBER.account },
    ]);
    noSecretsShown(view, wrong);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('names the unknown account and keeps the last 20 results', async () => {
    const { view, tmp } = await open();
    await tmp.store.edit('settings', (d) => {
      d.loyaltyPlus = { ...d.loyaltyPlus!, enabled: false, url: '', port: 443, secretStart: '', secretEnd: '', partnerId: '', terminalId: '', apiId: '', timeoutSeconds: 6, tls: 'TLSv1.2', caFile: '',
        testResults: Array.from({ length: 20 }, (_, i) => ({ at: '2026-03-01T10:00:00Z', ok: true, account: `old${i}` })) };
    });
    await view.write(setupKeys({ url: 'https://127.0.0.1', port: String(sim.port), caFile: sim.caFile }));
    await testFrom(view, '4999999');
    await view.waitFor('Test failed at: unknown account', 10_000);
    const results = tmp.onDisk('settings').loyaltyPlus!.testResults;
    expect(results).toHaveLength(20);
    expect(results[0]!.account).toBe('old1');
    expect(results[19]).toEqual({ at: expect.any(String), ok: false, kind: 'unknown-account', account: '4999999' });
  });

  it('shows Testing... while waiting; Esc stops waiting and records nothing', async () => {
    let finish: (o: TestOutcome) => void = () => undefined;
    const slow: TestConnection = () => new Promise((resolve) => { finish = resolve; });
    const { view, tmp } = await open(slow);
    await view.write(setupKeys({ url: 'https://127.0.0.1', port: '9' }));
    await testFrom(view, MEMBER.account);
    await view.waitFor('Testing... (Esc stops waiting)');
    await view.write(ESC);
    await view.waitFor('Test stopped');
    finish({ ok: true, member: MEMBER });
    await new Promise((r) => setTimeout(r, 50));
    expect(view.frame()).not.toContain('Thandi');
    expect(tmp.onDisk('settings').loyaltyPlus).toBeUndefined();
    // A second Esc leaves the Test for the form, its edits intact.
    await view.write(ESC);
    const form = await view.waitFor((fr) => fr.includes('Enable this Service') && !fr.includes('Loyalty account number'));
    expect(rowWith(form, 'Port')).toContain('9');
  });

  it('refuses to test without an address, at the form', async () => {
    const { view } = await open();
    await view.write(F8);
    await view.waitFor("! Test failed: URL: give the service's address to test it");
    expect(view.frame()).not.toContain('Loyalty account number');
  });
});
