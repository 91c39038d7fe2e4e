import * as assert from 'node:assert/strict';
import { createRenderer } from '../../../src/webview/render';
import { createSanitizer } from '../../../src/webview/sanitize';
import { htmlOf, newWindow } from './dom';

const RESOURCES = 'https://file+.vscode-resource.vscode-cdn.net';

/** Everything that could run script, style the page or reach the network, after the answer was rendered. */
function dangers(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'input', 'link', 'meta', 'base', 'frame', 'video', 'audio'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (attr.name === 'style') found.push(`${tag}[style]`);
      if (attr.name === 'href' && !/^(https?:\/\/|#L\d)/i.test(attr.value)) found.push(`${tag}[href=${attr.value}]`);
      if (attr.name === 'src' && !(attr.value.startsWith('data:image/') || attr.value.startsWith(RESOURCES + '/'))) found.push(`${tag}[src=${attr.value}]`);
    }
  }
  return found;
}

describe('webview: model output never runs script or loads remote content', () => {
  const window = newWindow();
  const renderer = createRenderer(window, { resourceOrigin: RESOURCES });
  const sanitize = createSanitizer(window, { resourceOrigin: RESOURCES });

  /** The attacks, as markdown a model could answer with. */
  const attacks: Record<string, string> = {
    'a script element': 'Hello <script>alert(1)</script> world',
    'an image with onerror': '<img src=x onerror="alert(1)">',
    'a javascript: link in HTML': '<a href="javascript:alert(1)">click</a>',
    'a data:text/html link in HTML': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    'an svg with onload': '<svg onload="alert(1)"><circle r="4"/></svg>',
    'a style element': '<style>body { display: none }</style>',
    'an iframe': '<iframe src="https://evil.example/"></iframe>',
    'a markdown javascript: link': '[click me](javascript:alert(1))',
    'a markdown javascript: link with entities': '[click me](jav&#x09;ascript:alert(1))',
    'a markdown javascript: link in angle brackets': '[click me](<javascript:alert(1)>)',
    'a markdown data: link': '[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'a markdown vbscript: link': '[click me](vbscript:msgbox(1))',
    'a reference-style javascript: link': '[click me][x]\n\n[x]: javascript:alert(1)',
    'a remote markdown image': '![tracker](https://evil.example/pixel.png)',
    'an svg data image': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+)',
    'an autolinked javascript: URL': '<javascript:alert(1)>',
    'a file: link': '[passwd](file:///etc/passwd)',
  };

  for (const [name, markdown] of Object.entries(attacks)) {
    it(`renders ${name} harmlessly`, () => {
      const fragment = renderer.render(markdown);
      assert.deepEqual(dangers(fragment), []);
      assert.ok(!/<(script|iframe|style|svg|object)/i.test(htmlOf(window, fragment)), htmlOf(window, renderer.render(markdown)));
    });
  }

  it('keeps the text of an HTML attack visible as text (html is off), so the user sees what the model wrote', () => {
    const fragment = renderer.render('Hello <script>alert(1)</script> world');
    assert.equal(fragment.textContent?.trim(), 'Hello <script>alert(1)</script> world');
  });

  // markdown-it's own escaping is the first line of defence; these go straight at the sanitiser behind it.
  const rawHtml: Record<string, string> = {
    script: '<p>a</p><script>alert(1)</script>',
    'img onerror': '<img src="x" onerror="alert(1)">',
    'javascript: href': '<a href="javascript:alert(1)">x</a>',
    'data:text/html href': '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    'svg onload': '<svg onload="alert(1)"></svg>',
    'svg with script': '<svg><script>alert(1)</script></svg>',
    'style element': '<style>* { color: red }</style><p>x</p>',
    'style attribute': '<p style="background:url(https://evil.example/x)">x</p>',
    iframe: '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    object: '<object data="https://evil.example/x.swf"></object>',
    'remote img': '<img src="https://evil.example/pixel.png">',
    'protocol-relative img': '<img src="//evil.example/pixel.png">',
    form: '<form action="https://evil.example"><input name=a></form>',
    'event handler on allowed tag': '<p onclick="alert(1)" onmouseover="alert(2)">x</p>',
    'meta refresh': '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    'base href': '<base href="https://evil.example/">',
    'mutation XSS through noscript': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  };
  for (const [name, html] of Object.entries(rawHtml)) {
    it(`the sanitiser removes ${name}`, () => {
      const fragment = sanitize(html);
      assert.deepEqual(dangers(fragment), [], htmlOf(window, sanitize(html)));
    });
  }

  it('keeps what is safe: web links, line anchors, inline raster images, the webview’s own images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const own = `${RESOURCES}/ext/media/fathom.svg`;
    const fragment = sanitize(`<a href="https://example.com/a?b=1">w</a><a href="#L12-14">l</a><img src="${png}" alt="p"><img src="${own}" alt="o">`);
    assert.deepEqual(
      Array.from(fragment.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      ['https://example.com/a?b=1', '#L12-14'],
    );
    assert.deepEqual(
      Array.from(fragment.querySelectorAll('img')).map((i) => i.getAttribute('src')),
      [png, own],
    );
  });

  it('without a resource origin, only inline images survive', () => {
    const bare = createSanitizer(window);
    assert.equal(bare(`<img src="${RESOURCES}/ext/media/x.png">`).querySelectorAll('img').length, 0);
  });
});
