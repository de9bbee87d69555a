// Properties, Cache, Lock, Html, Utilities, Session, ScriptApp and auth modes of the Apps Script fakes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAppsScriptFakes, FakeClock } from './apps-script/index.js';

describe('PropertiesService', () => {
  it('enforces 9 KB per value and 500 KB per store, changing nothing on failure', () => {
    const fakes = createAppsScriptFakes();
    const props = fakes.globals.PropertiesService.getDocumentProperties()!;
    props.setProperty('exact', 'v'.repeat(9 * 1024));
    expect(() => props.setProperty('big', 'v'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => props.setProperty('accents', 'é'.repeat(4700))).toThrow('Argument too large: value');
    expect(props.getProperty('big')).toBeNull();
    let stored = 1;
    const fill = () => {
      for (;;) props.setProperty(`hashes-${stored++}`, 'h'.repeat(9_000));
    };
    expect(fill).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(stored).toBeGreaterThan(50);
    expect(stored).toBeLessThan(60);
    const keys = props.getKeys();
    expect(() => props.setProperties({ a: 'x'.repeat(9_000), b: 'y'.repeat(9_000) })).toThrow(/property storage quota/);
    expect(props.getKeys()).toEqual(keys);
    props.setProperties({ only: '1' }, true);
    expect(props.getProperties()).toEqual({ only: '1' });
    // exact, big and accents, then every attempt of the loop including the refused one.
    expect(fakes.count('Properties.setProperty')).toBe(3 + (stored - 1));
  });

  it('keeps the three stores apart and coerces values to strings', () => {
    const { PropertiesService } = createAppsScriptFakes().globals;
    PropertiesService.getUserProperties().setProperty('n', 5 as never);
    expect(PropertiesService.getUserProperties().getProperty('n')).toBe('5');
    expect(PropertiesService.getScriptProperties().getProperty('n')).toBeNull();
    expect(createAppsScriptFakes({ boundToDocument: false }).globals.PropertiesService.getDocumentProperties()).toBeNull();
  });
});

describe('CacheService', () => {
  it('expires entries on the fake clock and enforces key and value limits', () => {
    const clock = new FakeClock().freeze(Date.UTC(2026, 1, 2));
    const cache = createAppsScriptFakes({ clock }).globals.CacheService.getScriptCache();
    cache.put('state', 'v1', 60);
    cache.putAll({ a: '1', b: '2' });
    expect(cache.getAll(['a', 'b', 'missing'])).toEqual({ a: '1', b: '2' });
    clock.advance(59_999);
    expect(cache.get('state')).toBe('v1');
    clock.advance(1);
    expect(cache.get('state')).toBeNull();
    clock.advance(540_000);
    expect(cache.get('a')).toBeNull();
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow('Argument too large: key');
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.put('max', 'x'.repeat(100 * 1024), 100_000);
    clock.advance(21_600_000 - 1);
    expect(cache.get('max')).not.toBeNull();
    clock.advance(1);
    expect(cache.get('max')).toBeNull();
  });
});

describe('LockService', () => {
  it('acquires, reports contention from another execution, and can be absent', () => {
    const clock = new FakeClock().freeze(0);
    const fakes = createAppsScriptFakes({ clock });
    const lock = fakes.globals.LockService.getDocumentLock()!;
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    fakes.locks.document.heldElsewhere = true;
    expect(lock.tryLock(5000)).toBe(false);
    expect(clock.now()).toBe(5000);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(fakes.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(createAppsScriptFakes({ boundToDocument: false }).globals.LockService.getDocumentLock()).toBeNull();
  });
});

describe('HtmlService and dialogs', () => {
  it('serves project files, evaluates templates and records what the UI showed', () => {
    const fakes = createAppsScriptFakes({
      htmlFiles: {
        Sidebar: '<h1><?= title ?></h1><? for (var i = 0; i < rows.length; i++) { ?><li><?= rows[i] ?></li><? } ?><?!= raw ?>',
        'Help.html': '<p>Help</p>',
      },
    });
    const { HtmlService, SpreadsheetApp } = fakes.globals;
    const template = HtmlService.createTemplateFromFile('Sidebar');
    template.title = 'Triage <now>';
    template.rows = ['a & b', 'c'];
    template.raw = '<script>ok()</script>';
    const output = template.evaluate().setTitle('Equity Desk').setWidth(320);
    expect(output.getContent()).toBe(
      '<h1>Triage &#60;now&#62;</h1><li>a &#38; b</li><li>c</li><script>ok()</script>',
    );
    SpreadsheetApp.getUi().showSidebar(output);
    SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutputFromFile('Help'), 'Help');
    expect(fakes.ui.shown).toEqual([
      expect.objectContaining({ kind: 'sidebar', title: 'Equity Desk', width: 320, content: output.getContent() }),
      expect.objectContaining({ kind: 'modal', title: 'Help', content: '<p>Help</p>' }),
    ]);
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  it('answers alerts and prompts from a queue', () => {
    const fakes = createAppsScriptFakes();
    const ui = fakes.globals.SpreadsheetApp.getUi();
    fakes.ui.answers.push({ button: 'NO' }, { button: 'OK', text: 'https://sync.example' });
    expect(String(ui.alert('Sync now?', 'Send 12 rows?', ui.ButtonSet.YES_NO))).toBe('NO');
    expect(ui.prompt('Service URL').getResponseText()).toBe('https://sync.example');
    expect(String(ui.alert('Done'))).toBe('OK');
    expect(fakes.ui.alerts.map((a) => [a.kind, a.title, a.prompt, a.buttons])).toEqual([
      ['alert', 'Sync now?', 'Send 12 rows?', 'YES_NO'],
      ['prompt', '', 'Service URL', 'OK'],
      ['alert', '', 'Done', 'OK'],
    ]);
  });
});

describe('Utilities, Session, Logger', () => {
  it('formats dates in a time zone with Java patterns', () => {
    const { Utilities } = createAppsScriptFakes().globals;
    const summer = new Date('2024-07-04T19:05:09.042Z');
    expect(Utilities.formatDate(summer, 'America/Los_Angeles', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2024-07-04T12:05:09.042-07:00');
    expect(Utilities.formatDate(summer, 'America/Los_Angeles', 'EEE, MMM d yyyy h:mm a z')).toBe('Thu, Jul 4 2024 12:05 PM PDT');
    expect(Utilities.formatDate(new Date('2024-01-15T08:00:00Z'), 'America/New_York', 'MMMM dd, yy HH:mm Z')).toBe('January 15, 24 03:00 -0500');
    expect(Utilities.formatDate(summer, 'UTC', "yyyy-MM-dd'T'HH:mm:ssX 'o''clock'")).toBe("2024-07-04T19:05:09Z o'clock");
    expect(Utilities.formatDate(summer, 'GMT+2', 'HH:mm')).toBe('21:05');
    expect(() => Utilities.formatDate('2024-07-04' as never, 'UTC', 'yyyy')).toThrow('Cannot find method formatDate(string,string,string).');
  });

  it('computes digests and base64 as signed Java bytes', () => {
    const fakes = createAppsScriptFakes();
    const { Utilities } = fakes.globals;
    const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'row-1|Triaged');
    expect(digest).toHaveLength(32);
    expect(digest.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(Buffer.from(digest.map((b) => b & 255)).toString('hex')).toBe(createHash('sha256').update('row-1|Triaged').digest('hex'));
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, digest)).toEqual(
      [...createHash('md5').update(Buffer.from(digest.map((b) => b & 255))).digest()].map((b) => (b > 127 ? b - 256 : b)),
    );
    expect(Utilities.base64Encode('équité')).toBe(Buffer.from('équité').toString('base64'));
    expect(Utilities.base64Decode('/w==')).toEqual([-1]);
    expect(Utilities.newBlob('hi', 'text/plain', 'a.txt').getBytes()).toEqual([104, 105]);
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const start = fakes.clock.now();
    fakes.clock.freeze(start);
    Utilities.sleep(1500);
    expect(fakes.clock.now()).toBe(start + 1500);
    expect(fakes.utilities.sleeps).toEqual([1500]);
  });

  it('reports the session and records logs', () => {
    const fakes = createAppsScriptFakes({ timeZone: 'America/Chicago', activeUserEmail: 'analyst@city.example' });
    const { Session, Logger, console } = fakes.globals;
    expect(Session.getScriptTimeZone()).toBe('America/Chicago');
    expect(Session.getActiveUser().getEmail()).toBe('analyst@city.example');
    fakes.setAuthMode('LIMITED');
    expect(Session.getActiveUser().getEmail()).toBe('');
    Logger.log('Synced %s of %s rows', 10, 12);
    console.warn('slow', { ms: 900 });
    expect(Logger.getLog()).toBe('Synced 10 of 12 rows');
    expect(fakes.logs).toEqual([
      { source: 'Logger', level: 'log', message: 'Synced 10 of 12 rows' },
      { source: 'console', level: 'warn', message: 'slow {"ms":900}' },
    ]);
  });
});

describe('ScriptApp and auth modes', () => {
  it('creates, lists and deletes triggers within Apps Script limits', () => {
    const fakes = createAppsScriptFakes();
    const { ScriptApp, SpreadsheetApp } = fakes.globals;
    const clock = ScriptApp.newTrigger('syncOnSchedule').timeBased().everyMinutes(15).create();
    ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create();
    expect(ScriptApp.getProjectTriggers().map((t) => [t.getHandlerFunction(), String(t.getEventType())])).toEqual([
      ['syncOnSchedule', 'CLOCK'],
      ['onOpenInstalled', 'ON_OPEN'],
    ]);
    expect(fakes.scriptApp.triggers[0].schedule).toEqual({ everyMinutes: 15 });
    expect(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
    ScriptApp.deleteTrigger(clock);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(1);
    for (let i = 0; i < 19; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('one-too-many').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(String(ScriptApp.AuthMode.NONE)).toBe('NONE');
    expect(ScriptApp.getOAuthToken()).toBe('fake-oauth-token');
  });

  it('keeps each user\'s triggers and user properties to that user, 20 triggers each', () => {
    const fakes = createAppsScriptFakes({ activeUserEmail: 'owner@equity.example.gov' });
    const { ScriptApp, SpreadsheetApp, PropertiesService } = fakes.globals;
    const mine = ScriptApp.newTrigger('syncOnSchedule').timeBased().everyHours(1).create();
    PropertiesService.getUserProperties().setProperty('k', 'owner');
    expect(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((t) => t.getUniqueId())).toEqual([mine.getUniqueId()]);

    fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = 'colleague@equity.example.gov';
    expect(ScriptApp.getProjectTriggers()).toEqual([]);
    expect(ScriptApp.getUserTriggers(SpreadsheetApp.getActive())).toEqual([]);
    expect(() => ScriptApp.deleteTrigger(mine)).toThrow(/Invalid argument/);
    expect(PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(/too many triggers/);
    expect(fakes.scriptApp.triggers).toHaveLength(21);
    expect(fakes.scriptApp.triggers[0]).toMatchObject({ owner: 'owner@equity.example.gov', documentId: SpreadsheetApp.getActive().getId() });
  });

  it('refuses what an auth mode or context does not allow', () => {
    const fakes = createAppsScriptFakes();
    const { SpreadsheetApp, PropertiesService, ScriptApp } = fakes.globals;
    const sheet = SpreadsheetApp.getActiveSheet();
    fakes.setAuthMode('NONE');
    SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'openSidebar').addToUi();
    expect(() => SpreadsheetApp.getActiveSpreadsheet()).toThrow(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
    expect(() => PropertiesService.getUserProperties().getProperty('x')).toThrow(/permission/);
    fakes.setAuthMode('CUSTOM_FUNCTION');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(() => sheet.getRange('A1').setValue(1)).toThrow(/You do not have permission to call SpreadsheetApp.Range.setValue/);
    expect(() => SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    fakes.setAuthMode('LIMITED');
    expect(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(5).create()).toThrow(/script.scriptapp/);
  });
});
