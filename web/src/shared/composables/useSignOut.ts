import { ref } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { useRouter } from 'vue-router';
import { LogoutMutation } from '../../graphql/auth';
import { forgetSession } from './useViewer';
import type { Area } from '../../router/meta';

/** Ends the session on the server, forgets every cached answer and goes to the area's sign-in. */
export function useSignOut(area: Area) {
  const { resolveClient } = useApolloClient();
  const { mutate } = useMutation(LogoutMutation);
  const router = useRouter();
  const signingOut = ref(false);
  const failed = ref(false);

  async function signOut() {
    signingOut.value = true;
    failed.value = false;
    try {
      await mutate();
      // Leave first (the sign-in page asks the server, which now says nobody), then drop
      // the cache, so that no page still on screen refetches with no session.
      await router.replace({ name: area === 'admin' ? 'admin-login' : 'portal-signin' });
      await forgetSession(resolveClient());
    } catch {
      failed.value = true;
    } finally {
      signingOut.value = false;
    }
  }

  return { signOut, signingOut, failed };
}
