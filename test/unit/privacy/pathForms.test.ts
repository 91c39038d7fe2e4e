import * as assert from 'node:assert/strict';
import { spellingsOf, splitPath } from '../../../src/privacy/pathForms';

describe('privacy: path forms', () => {
  it('resolves . and .., drops empty segments, and reads either separator', () => {
    assert.deepEqual(splitPath('src/./a/../b//c.ts'), { absolute: false, up: 0, segments: ['src', 'b', 'c.ts'], folder: false });
    assert.deepEqual(splitPath('a\\..\\..\\..\\.env'), { absolute: false, up: 2, segments: ['.env'], folder: false });
    assert.deepEqual(splitPath('/x/../../etc/'), { absolute: true, up: 0, segments: ['etc'], folder: true });
    assert.deepEqual(splitPath('secrets/.'), { absolute: false, up: 0, segments: ['secrets'], folder: true });
  });

  it('reads a Windows drive, in either form, as an absolute root of its own', () => {
    assert.deepEqual(splitPath('C:\\Users\\me\\..\\..\\..\\x').segments, ['c:', 'x']);
    assert.deepEqual(splitPath('/c:/Users/me').segments, ['c:', 'Users', 'me']);
    assert.equal(splitPath('c:').absolute, true);
  });

  it('composes accented names the same way whichever form they were written in', () => {
    assert.deepEqual(splitPath('caf\u0065\u0301/x').segments, splitPath('caf\u00e9/x').segments);
  });

  it('spells a path as written, URL-decoded (repeatedly) and as Windows reads names', () => {
    assert.deepEqual(spellingsOf('src/a.ts'), ['src/a.ts']);
    assert.ok(spellingsOf('%2e%2e/%2Eenv').includes('../.env'));
    assert.ok(spellingsOf('%252e%252e/x').includes('../x'), 'double encoding');
    assert.ok(spellingsOf('src%2f..%2f.env').includes('src/../.env'), 'an encoded separator');
    assert.ok(spellingsOf('certs/server.pem. ').includes('certs/server.pem'));
    assert.ok(spellingsOf('secrets. \\db.ts').includes('secrets\\db.ts'));
    assert.ok(spellingsOf('src/.. /.env').includes('src/../.env'), 'Windows reads `.. ` as `..`');
    assert.ok(spellingsOf('.env::$DATA').includes('.env'), 'the default NTFS stream');
    assert.equal(spellingsOf('src/a.ts')[0], 'src/a.ts');
  });

  it('decodes a malformed escape byte by byte instead of throwing', () => {
    assert.ok(spellingsOf('%E0%A4%A/.env%ZZ').length >= 1);
    assert.ok(spellingsOf('%ff%2e.env').includes('\u00ff..env'));
  });
});
