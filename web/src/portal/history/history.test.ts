import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { PENDING, mountOptions, networkError, settle } from '../testing';
import HistoryPage from './HistoryPage.vue';
import { entryWords, signedPoints } from './ledger-words';

const entry = (id: string, kind: string, source: string, points: number, reason: string | null = null, occurredAt = '2026-11-12T10:00:00.000Z') => ({
  cursor: `c${id}`,
  __typename: 'LedgerEntryEdge',
  node: { __typename: 'LedgerEntry', id, kind, source, points, availableChange: kind === 'RELEASE' ? 80 : points, reason, occurredAt },
});

const page = (edges: unknown[], hasNextPage = false) => ({
  viewer: {
    __typename: 'Member',
    id: 'M1',
    ledger: { __typename: 'LedgerEntryConnection', edges, pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'END' : null } },
  },
});

describe('HistoryPage', () => {
  it('shows a placeholder while loading', async () => {
    const wrapper = mount(HistoryPage, mountOptions({ PortalLedger: () => PENDING }));
    await settle();
    expect(wrapper.find('[data-test="loading"]').exists()).toBe(true);
  });

  it('explains a failure', async () => {
    const wrapper = mount(HistoryPage, mountOptions({ PortalLedger: () => networkError() }));
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toContain('Your history could not be loaded.');
  });

  it('says so when there is nothing yet', async () => {
    const wrapper = mount(HistoryPage, mountOptions({ PortalLedger: () => page([]) }));
    await settle();
    expect(wrapper.text()).toContain('No history yet');
  });

  it('writes every entry in plain words with its sign and date', async () => {
    const wrapper = mount(
      HistoryPage,
      mountOptions({
        PortalLedger: () =>
          page([
            entry('1', 'EARN', 'PURCHASE', 120),
            entry('2', 'EARN', 'CAMPAIGN', 240, 'Double points Friday'),
            entry('3', 'EXPIRE', 'EXPIRY', -50),
            entry('4', 'REDEEM', 'CHECKOUT', -300),
            entry('5', 'REVERSE', 'REFUND', -40),
            entry('6', 'RELEASE', 'PURCHASE', 0),
            entry('7', 'ADJUST', 'MANUAL', 10, 'Sorry for the wait'),
          ]),
      }),
    );
    await settle();
    const rows = wrapper.findAll('[data-test="ledger-row"]').map((row) => [row.get('.ledger__title').text(), row.get('.ledger__points').text(), row.text()]);
    expect(rows[0].slice(0, 2)).toEqual(['Purchase', '+120']);
    expect(wrapper.get('time').text()).toBe('Nov 12');
    expect(rows[1].slice(0, 2)).toEqual(['Campaign «Double points Friday»', '+240']);
    expect(rows[2].slice(0, 2)).toEqual(['Expired', '−50']);
    expect(rows[3].slice(0, 2)).toEqual(['Redeemed', '−300']);
    expect(rows[4].slice(0, 2)).toEqual(['Refund', '−40']);
    expect(rows[5][2]).toContain('80 points now available to spend');
    expect(rows[6][2]).toContain('Sorry for the wait');
    expect(wrapper.get('.ledger__points').attributes('aria-label')).toBe('120 points');
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('loads earlier entries after the last cursor', async () => {
    const options = mountOptions({
      PortalLedger: (variables) => (variables.after === 'END' ? page([entry('2', 'EARN', 'PURCHASE', 5)]) : page([entry('1', 'EARN', 'PURCHASE', 120)], true)),
    });
    const wrapper = mount(HistoryPage, options);
    await settle();
    await wrapper.get('button').trigger('click');
    await settle();
    expect(options.calls.map((c) => c.variables)).toEqual([{ first: 20 }, { first: 20, after: 'END' }]);
    expect(wrapper.findAll('[data-test="ledger-row"]')).toHaveLength(2);
    expect(wrapper.find('button').exists()).toBe(false);
  });

  it('uses the member’s language for words and dates', async () => {
    const wrapper = mount(HistoryPage, mountOptions({ PortalLedger: () => page([entry('1', 'EARN', 'PURCHASE', 1200)]) }, 'ru'));
    await settle();
    const row = wrapper.get('[data-test="ledger-row"]');
    expect(row.get('.ledger__title').text()).toBe('Покупка');
    expect(row.get('time').text()).toMatch(/^12 нояб\.?$/);
    expect(row.get('.ledger__points').text().replace(/\s/g, ' ')).toBe('+1 200');
  });
});

describe('ledger words', () => {
  it('names each kind and source', () => {
    expect(entryWords('EARN', 'PURCHASE')).toBe('purchase');
    expect(entryWords('EARN', 'CAMPAIGN')).toBe('campaign');
    expect(entryWords('REDEEM', 'REWARD')).toBe('reward');
    expect(entryWords('EARN', 'IMPORT')).toBe('imported');
  });

  it('signs points with a real minus', () => {
    expect(signedPoints(-1500, 'en')).toBe('−1,500');
    expect(signedPoints(3, 'en')).toBe('+3');
    expect(signedPoints(0, 'en')).toBe('0');
  });
});
