/**
 * The link to one webview page (the answer panel, the chat view, the Doctor, the statistics page). A page
 * hears messages only once its script listens, which it says with 'ready'; a hidden page is destroyed
 * (retainContextWhenHidden is off: no memory held while hidden) and says 'ready' again when shown. So a
 * message goes only to a page that listens, and one that does not gets the whole state on 'ready' instead:
 * nothing is posted into the void, nothing is shown twice.
 */
import type * as vscode from 'vscode';

/** The part of a webview panel or view the link follows: its page and whether it shows. */
export interface PageHost {
  readonly webview: vscode.Webview;
  readonly visible: boolean;
}

export class PageLink<Message> {
  /** Followed by identity: a disposed panel's `webview` and `visible` throw when read. */
  private host: PageHost | undefined;
  private listening = false;

  /** Whether a page is open and its script listens. */
  get ready(): boolean {
    return this.listening;
  }

  /**
   * A new page loads in `host`: it listens once it says 'ready' (heard), and no longer once hidden. The
   * returned disposable stops following `visibilityChanged` (an event of `host`).
   */
  connect(host: PageHost, visibilityChanged: vscode.Event<unknown>): vscode.Disposable {
    this.host = host;
    this.listening = false;
    return visibilityChanged(() => {
      if (this.host === host && !host.visible) this.listening = false;
    });
  }

  /** The page said 'ready': its script listens now. */
  heard(): void {
    if (this.host) this.listening = true;
  }

  /** `host`'s page is gone (closed or disposed); a newer page, connected since, stays linked. */
  disconnect(host: PageHost): void {
    if (this.host !== host) return;
    this.host = undefined;
    this.listening = false;
  }

  /** Posts `message` if the page listens; false when it was not sent (the page gets the whole state on 'ready'). */
  post(message: Message): boolean {
    if (!this.host || !this.listening) return false;
    void this.host.webview.postMessage(message);
    return true;
  }
}
