import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import type { ImportJobFieldsFragment } from '../../graphql/generated/graphql';
import ImportJobsList from './ImportJobsList.vue';
import ImportProgress from './ImportProgress.vue';
import ImportUploadForm from './ImportUploadForm.vue';
import { importUrl, uploadCsv } from './upload';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const failed: ImportJobFieldsFragment = {
  id: 7,
  kind: 'MEMBERS',
  status: 'FAILED',
  fileName: 'members.csv',
  progress: 0.4,
  rowsRead: 3,
  rowsImported: 2,
  rowsSkipped: 0,
  rowsFailed: 1,
  message: 'unclosed quote on line 4',
  errorsUrl: '/import/7/errors.csv',
  startedAt: '2026-11-01T10:00:00.000Z',
  finishedAt: '2026-11-01T10:00:02.000Z',
  errors: [{ line: 3, column: 'email', message: 'must be an email address' }],
};

describe('import upload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the file and the job to resume in the address', () => {
    expect(importUrl('members', 'base 2026.csv', null)).toBe('/import/members.csv?name=base+2026.csv');
    expect(importUrl('purchases', 'r.csv', 12)).toBe('/import/purchases.csv?name=r.csv&resume=12');
  });

  it('sends the file as text/csv and reports the upload’s progress', async () => {
    const sent: { headers: Record<string, string>; url?: string; body?: unknown } = { headers: {} };
    class FakeXhr {
      upload: { onprogress?: (event: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
      withCredentials = false;
      status = 0;
      responseText = '';
      onload?: () => void;
      onerror?: () => void;
      open(_method: string, url: string) {
        sent.url = url;
      }
      setRequestHeader(name: string, value: string) {
        sent.headers[name] = value;
      }
      send(body: unknown) {
        sent.body = body;
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        this.status = 422;
        this.responseText = JSON.stringify({ id: 7, status: 'failed' });
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const shares: number[] = [];
    const file = Object.assign(new Blob(['externalId\n1\n'], { type: 'text/csv' }), { name: 'm.csv' });
    const answer = await uploadCsv('members', file, { onProgress: (share) => shares.push(share) });
    expect(answer).toEqual({ status: 422, body: { id: 7, status: 'failed' } });
    expect(sent.headers['Content-Type']).toBe('text/csv');
    expect(sent.url).toBe('/import/members.csv?name=m.csv');
    expect(shares).toEqual([0.5]);
  });

  it('describes the columns of the chosen kind', async () => {
    const wrapper = mount(ImportUploadForm, { props: { kinds: ['members', 'purchases'] }, global: { plugins: [i18n()] } });
    expect(wrapper.find('[data-testid="import-columns"]').text()).toContain('externalId required');
    expect(wrapper.find('[data-testid="import-columns"]').text()).toContain('consentEmail');
    await wrapper.find('[data-kind="purchases"] input').setValue(true);
    expect(wrapper.find('[data-testid="import-columns"]').text()).toContain('occurredAt');
    expect(wrapper.find('[data-testid="import-submit"]').attributes('disabled')).toBeDefined();
  });
});

describe('import progress and history', () => {
  it('shows the job’s counts, status and message as it runs or ends', () => {
    const wrapper = mount(ImportProgress, { props: { phase: 'finished', uploadShare: 1, job: failed, refusal: null }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-testid="import-status"]').text()).toBe('Ошибка');
    expect(wrapper.text()).toContain('принято 2');
    expect(wrapper.text()).toContain('unclosed quote on line 4');
    const refused = mount(ImportProgress, { props: { phase: 'refused', uploadShare: 0, job: null, refusal: 'Send the file with Content-Type: text/csv.' }, global: { plugins: [i18n()] } });
    expect(refused.find('[role="alert"]').text()).toContain('Content-Type');
  });

  it('lists past imports with their first errors, the report and a resume for a failed one', async () => {
    const wrapper = mount(ImportJobsList, { props: { jobs: [failed], loading: false, error: null, canResume: () => true }, global: { plugins: [i18n()] } });
    expect(wrapper.find('[data-testid="import-errors"]').text()).toContain('Line 3: email: must be an email address');
    expect(wrapper.find('[data-testid="import-errors-csv"]').attributes('href')).toBe('/import/7/errors.csv');
    await wrapper.find('[data-testid="import-resume-button"]').trigger('click');
    expect(wrapper.emitted('resume')![0][0]).toMatchObject({ id: 7 });
  });

  it('shows loading, empty and error states', () => {
    const render = (props: Record<string, unknown>) => mount(ImportJobsList, { props: { jobs: [], loading: false, error: null, canResume: () => true, ...props }, global: { plugins: [i18n()] } });
    expect(render({ loading: true }).find('[data-test="loading"]').exists()).toBe(true);
    expect(render({}).text()).toContain('No imports yet');
    expect(render({ error: new Error('x') }).text()).toContain('The imports could not be loaded.');
  });
});
