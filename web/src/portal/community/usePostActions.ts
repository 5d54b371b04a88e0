import { ref } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import type { CommunityFlagReason, CommunityPostFieldsFragment, CommunityProfileFieldsFragment, CommunityReaction } from '../../graphql/generated/graphql';
import {
  AcceptCommunityAnswerMutation,
  BookmarkCommunityPostMutation,
  DeleteCommunityPostMutation,
  EditCommunityPostMutation,
  FlagCommunityPostMutation,
  ReactToCommunityPostMutation,
  RemoveCommunityReactionMutation,
} from '../../graphql/portal-community-writes';
import { useCommunityWords, type WriteError } from './community-words';

type Post = CommunityPostFieldsFragment;

/** What a reader does to a post in a topic, each outcome (or typed error) told beside that post. */
export function usePostActions(profile: () => CommunityProfileFieldsFragment | null) {
  const { t, errorText } = useCommunityWords();
  const { resolveClient } = useApolloClient();
  const busy = ref<string | null>(null);
  const notice = ref<{ postId: string; text: string; failed: boolean } | null>(null);
  const { mutate: react } = useMutation(ReactToCommunityPostMutation);
  const { mutate: unreact } = useMutation(RemoveCommunityReactionMutation);
  const { mutate: flag } = useMutation(FlagCommunityPostMutation);
  const { mutate: bookmark } = useMutation(BookmarkCommunityPostMutation);
  const { mutate: accept } = useMutation(AcceptCommunityAnswerMutation);
  const { mutate: remove } = useMutation(DeleteCommunityPostMutation);
  const { mutate: edit } = useMutation(EditCommunityPostMutation);

  async function act(post: CommunityPostFieldsFragment, run: () => Promise<{ __typename: string } | null | undefined>, done?: string) {
    busy.value = post.id;
    notice.value = null;
    try {
      const answer = await run();
      if (answer && /Error$/.test(answer.__typename)) notice.value = { postId: post.id, text: errorText(answer as WriteError, profile()), failed: true };
      else if (done) notice.value = { postId: post.id, text: done, failed: false };
      return answer;
    } catch {
      notice.value = { postId: post.id, text: t('common.networkError'), failed: true };
      return null;
    } finally {
      busy.value = null;
    }
  }
  const onReact = (post: CommunityPostFieldsFragment, reaction: CommunityReaction, mine: boolean) =>
    act(post, async () =>
      mine ? (await unreact({ postId: post.id, reaction }))?.data?.removeCommunityReaction : (await react({ postId: post.id, reaction }))?.data?.reactToCommunityPost,
    );
  const onFlag = (post: CommunityPostFieldsFragment, reason: CommunityFlagReason, note: string) =>
    act(post, async () => (await flag({ postId: post.id, reason, note: note || null }))?.data?.flagCommunityPost, t('portal.community.post.flagged'));
  const onAccept = (post: CommunityPostFieldsFragment) => act(post, async () => (await accept({ postId: post.id }))?.data?.acceptCommunityAnswer);
  async function onBookmark(post: CommunityPostFieldsFragment) {
    const answer = await act(post, async () => (await bookmark({ postId: post.id, bookmarked: !post.bookmarked }))?.data?.bookmarkCommunityPost);
    if (answer?.__typename === 'CommunityBookmarkResult' && 'bookmarked' in answer) {
      const value = answer.bookmarked;
      resolveClient().cache.modify({ id: `CommunityPost:${post.id}`, fields: { bookmarked: () => value } });
    }
  }
  function onDelete(post: CommunityPostFieldsFragment) {
    if (!globalThis.confirm(t('portal.community.post.confirmDelete'))) return;
    void act(post, async () => (await remove({ id: post.id }))?.data?.deleteCommunityPost);
  }

  // Editing one's own post, in place.
  const editing = ref<string | null>(null);
  const editBody = ref('');
  const editError = ref<string | null>(null);
  function startEdit(post: CommunityPostFieldsFragment) {
    editing.value = post.id;
    editBody.value = post.raw ?? '';
    editError.value = null;
  }
  async function saveEdit(post: CommunityPostFieldsFragment) {
    editError.value = null;
    const answer = await act(post, async () => (await edit({ id: post.id, body: editBody.value }))?.data?.editCommunityPost);
    if (answer?.__typename === 'CommunityPost') editing.value = null;
    else if (answer) {
      editError.value = errorText(answer as WriteError, profile());
      notice.value = null;
    }
  }

  return { busy, notice, onReact, onFlag, onAccept, onBookmark, onDelete, editing, editBody, editError, startEdit, saveEdit };
}
