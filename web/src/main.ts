import { createApp } from 'vue';
import { DefaultApolloClient } from '@vue/apollo-composable';
import App from './App.vue';
import { apolloClient, onUnauthenticated } from './graphql/client';
import { i18n } from './i18n';
import { router } from './router';
import { signInLocation } from './router/guards';
import { forgetSession } from './shared/composables/useViewer';
import './shared/base.css';

// A session that ends while a page is open (expired, signed out in another tab) sends
// the visitor to the sign-in page of the area they are in.
onUnauthenticated(() => {
  const current = router.currentRoute.value;
  if (current.meta.guestOnly) return;
  void router.replace(signInLocation(current)).then(() => forgetSession(apolloClient));
});

createApp(App).provide(DefaultApolloClient, apolloClient).use(i18n).use(router).mount('#app');
