import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** What a post's markdown becomes: safe HTML and what the trust rules and notifications need from it. */
export interface RenderedPost {
  html: string;
  /** Usernames mentioned with @, lower-cased, each once. */
  mentions: string[];
  links: number;
  images: number;
}

export const USERNAME = /^[\p{L}\p{N}_]{2,30}$/u;
const MENTION_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Markdown with raw HTML off (typed tags come out as text), then an allow-list sanitizer
 * over the result as a second wall: whatever markdown-it lets through, no script, event
 * handler, style or non-https image reaches another member's browser.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
markdown.disable(['heading', 'lheading', 'table']);
markdown.validateLink = (url) => /^(https?:|mailto:|\/(?!\/)|#)/i.test(url.trim());
markdown.inline.ruler.push('mention', (state, silent) => {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x40 /* @ */) return false;
  if (start > 0 && MENTION_CHAR.test(state.src[start - 1])) return false; // an email address, not a mention
  let end = start + 1;
  while (end < state.posMax && MENTION_CHAR.test(state.src[end]) && end - start <= 30) end++;
  const name = state.src.slice(start + 1, end);
  if (!USERNAME.test(name)) return false;
  if (!silent) {
    // A span, not a link: members have no public profile page to point at.
    const open = state.push('mention_open', 'span', 1);
    open.attrs = [['class', 'mention']];
    const text = state.push('text', '', 0);
    text.content = `@${name}`;
    state.push('mention_close', 'span', -1);
    (state.env as { mentions?: Set<string> }).mentions?.add(name.toLowerCase());
  }
  state.pos = end;
  return true;
});

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'hr', 'span'],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], code: ['class'], span: ['class'] },
  allowedClasses: { span: ['mention'], code: [/^language-[a-z0-9-]{1,20}$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs.src ?? ''),
};
ALLOWED.allowedAttributes = { ...(ALLOWED.allowedAttributes as Record<string, string[]>), img: ['src', 'alt', 'title', 'loading'] };

export function renderPost(raw: string): RenderedPost {
  const env = { mentions: new Set<string>() };
  const tokens = markdown.parse(raw, env);
  let links = 0;
  let images = 0;
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') links++;
      if (token.type === 'image') images++;
    }
  }
  const html = sanitizeHtml(markdown.renderer.render(tokens, markdown.options, env), ALLOWED).trim();
  return { html, mentions: [...env.mentions], links, images };
}

/** Plain text for search and previews: the rendered post without tags. */
export function excerptOf(html: string, length = 200): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
