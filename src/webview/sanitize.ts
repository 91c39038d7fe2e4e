/**
 * Model output is untrusted: whatever markdown-it produces from it goes through DOMPurify with an allow-list
 * of exactly the elements markdown renders to, then a second pass that keeps only links and images the panel
 * can handle safely. Nothing here may run script, style the page, or load anything remote.
 */
import createDOMPurify, { type Config } from 'dompurify';

/** What markdown-it emits (html: false), and nothing else: no style, script, iframe, object, svg, form. */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
];
/** `class` carries highlight.js token kinds and `language-x` on code; `start` numbers ordered lists. */
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'start'];

/** Link targets the panel acts on: web pages (opened through VS Code, which asks) and line anchors (#L12, #L12-15). */
const SAFE_HREF = /^(?:https?:\/\/[^\s]+|#L\d+(?:-\d+)?)$/i;
/** Inline raster images only; svg is left out because an svg document can carry script. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i;

export interface SanitizeOptions {
  /**
   * The origin of the webview's own resources (`webview.asWebviewUri(...)`), whose images may show.
   * Without it only inline data images do.
   */
  resourceOrigin?: string;
}

export type Sanitizer = (html: string) => DocumentFragment;

/** A sanitiser bound to a window (the webview's, or jsdom's in tests). */
export function createSanitizer(window: Window, options: SanitizeOptions = {}): Sanitizer {
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const config: Config & { RETURN_DOM_FRAGMENT: true } = {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|#L\d)/i,
    // DOMPurify checks every attribute that is not "URI-safe" against ALLOWED_URI_REGEXP; a list number is plain data.
    ADD_URI_SAFE_ATTR: ['start'],
    RETURN_DOM_FRAGMENT: true,
  };
  const origin = options.resourceOrigin?.replace(/\/+$/, '');
  const imageAllowed = (src: string) => SAFE_DATA_IMAGE.test(src) || (!!origin && src.startsWith(origin + '/'));

  return (html) => {
    const fragment = purify.sanitize(html, config);
    for (const a of Array.from(fragment.querySelectorAll('a'))) {
      const href = a.getAttribute('href') ?? '';
      if (!SAFE_HREF.test(href)) a.removeAttribute('href');
    }
    for (const img of Array.from(fragment.querySelectorAll('img'))) {
      if (!imageAllowed(img.getAttribute('src') ?? '')) img.remove();
    }
    return fragment;
  };
}
