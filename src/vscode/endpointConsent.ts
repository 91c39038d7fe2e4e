/**
 * The one-time question before code goes to a server that is not on this machine, remembered per
 * workspace and endpoint origin in workspaceState (what is fine for one project may not be for another).
 */
import * as vscode from 'vscode';
import { rememberedConsent, resetConsent, type EndpointConsent } from '../privacy/endpointGuard';


/** The consent function BackendPool consults before a completion or chat request to a remote endpoint. */
export function endpointConsent(context: vscode.ExtensionContext): EndpointConsent {
  return rememberedConsent(context.workspaceState, async (origin) => {
    const ALLOW = vscode.l10n.t('Allow');
    const DONT_ALLOW = vscode.l10n.t("Don't allow");
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send code to {0}?', origin),
      {
        modal: true,
        detail: vscode.l10n.t('Fathom is about to send code from this workspace to {0}, which is not on this machine. Your answer is remembered for this workspace ("Fathom: Reset Endpoint Consent" asks again; "fathom.localOnly" refuses every remote server).', origin),
      },
      ALLOW,
      DONT_ALLOW,
    );
    // Closing the dialog answers nothing: this request is not sent, and the question comes back next time.
    return answer === ALLOW ? true : answer === DONT_ALLOW ? false : undefined;
  });
}

/** "Fathom: Reset Endpoint Consent": forget the answers for this workspace. */
export async function resetEndpointConsent(context: vscode.ExtensionContext): Promise<void> {
  await resetConsent(context.workspaceState);
  void vscode.window.showInformationMessage(vscode.l10n.t('Fathom: endpoint consent reset; you will be asked again before code is sent to a remote server.'));
}
