/**
 * Syntax colouring for code blocks in answers: highlight.js core with the languages Fathom's users write most,
 * registered one by one so the webview bundle stays small (the full build is ~1 MB).
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';

const languages = { bash, c, cpp, csharp, diff, go, java, javascript, json, php, python, ruby, rust, typescript };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
// VS Code language ids that highlight.js spells differently.
hljs.registerAliases(['typescriptreact', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['javascriptreact', 'jsx'], { languageName: 'javascript' });
hljs.registerAliases(['shellscript', 'sh', 'zsh', 'shell', 'console'], { languageName: 'bash' });
hljs.registerAliases(['jsonc'], { languageName: 'json' });

/**
 * The code as highlighted HTML (escaped text in hljs `<span class>`s), or undefined for a language not
 * registered here — the caller then shows it plain. No guessing: auto-detection is slow and often wrong.
 */
export function highlightCode(code: string, language: string): string | undefined {
  const name = language.trim().toLowerCase();
  if (!name || !hljs.getLanguage(name)) return undefined;
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}
