/**
 * A scripted next-edit model for tests in the editor: answers a next-edit prompt in the generic chat format
 * with its editable region renamed (`from` → `to` as whole words), and every other generation request with
 * nothing (no ghost text gets in the way).
 */
import { genericFormat } from '../../src/nextEdit/formats/generic';
import { requestText } from './request-text';
import type { RecordedRequest, Reply } from './types';

export function renameReply(from: string, to: string): (request: RecordedRequest) => Reply {
  const word = new RegExp(`\\b${from}\\b`, 'g');
  return (request) => {
    const asked = requestText(request);
    const shown = asked.kind === 'chat' ? genericFormat.read(asked.question) : undefined;
    if (!shown) return { text: '' };
    return { text: genericFormat.answer(shown.region.map((line) => line.replace(word, to)), shown) };
  };
}
