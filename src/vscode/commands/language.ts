import * as vscode from 'vscode';

/**
 * The language answers are written in: the setting when the user chose one, else VS Code's display
 * language as its tag (`zh-cn`), so a Chinese UI gets Chinese answers without configuring anything.
 */
export function answerLanguage(configured: string, locale: string = vscode.env.language): string {
  return configured.trim() !== '' ? configured.trim() : locale;
}
