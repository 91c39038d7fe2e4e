/**
 * What every Fathom webview (answer panel, chat view, Doctor) is set up with: scripts on, command URIs and
 * forms off, resources only from the extension's dist/webview and media folders; and the page data (script,
 * stylesheet, a new nonce) for html.ts.
 */
import * as vscode from 'vscode';
import { newNonce, type PanelPage } from './html';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page of `script` (in dist/webview/) styled by `style` (in media/). */
export function pageFor(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, style: string, title: string): PanelPage {
  return {
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', style)).toString(),
    resourceOrigin: originOf(webview.asWebviewUri(extensionUri).toString()),
    nonce: newNonce(),
    title,
    language: vscode.env.language,
  };
}

function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return '';
  }
}
