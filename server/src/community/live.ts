import type { LiveEvents, LivePayload } from '../live/live-events';

/** The forum's live channels: new posts in a topic, new topics in a category. Published after the transaction commits. */
export class CommunityLive {
  constructor(private readonly events: LiveEvents) {}

  postAdded(topicId: number, postId: number): void {
    this.events.publish(`community:topic:${topicId}`, { id: postId });
  }

  topicAdded(programId: number, categoryId: number, topicId: number): void {
    this.events.publish(`community:category:${categoryId}`, { id: topicId });
    this.events.publish(`community:program:${programId}`, { id: topicId });
  }

  postsOf(topicId: number): AsyncIterable<LivePayload> {
    return this.events.subscribe(`community:topic:${topicId}`);
  }

  topicsOf(categoryId: number): AsyncIterable<LivePayload> {
    return this.events.subscribe(`community:category:${categoryId}`);
  }

  topicsOfProgram(programId: number): AsyncIterable<LivePayload> {
    return this.events.subscribe(`community:program:${programId}`);
  }
}
