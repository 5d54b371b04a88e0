import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { ApolloError } from '@apollo/client/core';
import { GraphQLError } from 'graphql';
import { createI18n } from 'vue-i18n';
import en from '../../i18n/en';
import ru from '../../i18n/ru';
import LoadError from './LoadError.vue';

const shown = (error: unknown, locale: 'en' | 'ru' = 'en') =>
  mount(LoadError, { props: { title: 'The member could not be loaded.', error }, global: { plugins: [createI18n({ legacy: false, locale, messages: { en, ru } })] } });

const refused = new ApolloError({ graphQLErrors: [new GraphQLError('Invalid global ID: 2', { extensions: { code: 'BAD_USER_INPUT' } })] });

describe('a load error', () => {
  it('says an address that is no address is not valid, and offers no retry that would fail the same way', () => {
    const wrapper = shown(refused);
    expect(wrapper.text()).toContain('This address or request is not valid');
    expect(wrapper.text()).not.toContain('Something went wrong on our side');
    expect(wrapper.find('button').exists()).toBe(false);
    expect(shown(refused, 'ru').text()).toContain('Этот адрес или запрос неверен');
  });

  it('keeps the server-side and network messages, with a retry, for everything else', async () => {
    const failed = shown(new ApolloError({ graphQLErrors: [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] }));
    expect(failed.text()).toContain('Something went wrong on our side');
    await failed.find('button').trigger('click');
    expect(failed.emitted('retry')).toHaveLength(1);
    expect(shown(new ApolloError({ networkError: new Error('offline') })).text()).toContain('The server could not be reached');
    // One refused error among others is still the server's trouble.
    const mixed = new ApolloError({ graphQLErrors: [...refused.graphQLErrors, new GraphQLError('Unexpected error.')] });
    expect(shown(mixed).text()).toContain('Something went wrong on our side');
  });
});
