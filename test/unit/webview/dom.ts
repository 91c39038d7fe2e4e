/** A browser-like window for the webview modules, from jsdom (scripts off: nothing in a page may run by itself). */
import { JSDOM } from 'jsdom';
import { chatHtml } from '../../../src/vscode/chat/html';
import { panelHtml } from '../../../src/vscode/panel/html';

export function newWindow(html = '<!DOCTYPE html><html><body></body></html>'): Window & typeof globalThis {
  return new JSDOM(html).window as unknown as Window & typeof globalThis;
}

/** The panel's real page (as the extension makes it), without its script tag's effect: jsdom does not run it. */
export function panelWindow(): Window & typeof globalThis {
  return newWindow(
    panelHtml({
      cspSource: 'https://*.vscode-cdn.net',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
      resourceOrigin: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'TESTNONCE',
      title: 'Explain',
    }),
  );
}

/** The chat view's real page (as the extension makes it); its script is not run, the tests drive ChatView. */
export function chatWindow(): Window & typeof globalThis {
  return newWindow(
    chatHtml({
      cspSource: 'https://*.vscode-cdn.net',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/chat.js',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css',
      resourceOrigin: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: 'TESTNONCE',
      title: 'Fathom Chat',
    }),
  );
}

/** The HTML of a fragment, for assertions. */
export function htmlOf(window: Window, fragment: DocumentFragment): string {
  const div = window.document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}
