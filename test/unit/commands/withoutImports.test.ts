import * as assert from 'node:assert/strict';
import { withoutImports } from '../../../src/commands/withoutImports';

describe('commands: withoutImports (an imported name is not a use of it)', () => {
  const blanked = (text: string) => withoutImports(text);

  it('blanks JavaScript and TypeScript imports and re-exports, one line or several, and keeps the line count', () => {
    const text = "import { totalPrice } from './price';\nimport {\n  totalPrice,\n  other,\n} from './price';\nimport './polyfill';\nexport { totalPrice } from './price';\nexport * from './price'\nconst { totalPrice: tp } = require('./price');\nimport fs = require('fs');\nconst x = totalPrice(1);";
    const result = blanked(text);
    assert.equal(result.split('\n').length, text.split('\n').length);
    assert.deepEqual(result.split('\n').filter((l) => l.trim()), ['const x = totalPrice(1);']);
  });

  it('blanks Python imports, parenthesised across lines too, and keeps the code', () => {
    const text = 'from shop.price import total_price\nfrom shop.price import (\n    total_price,\n    tax,\n)\nimport shop.price as price  # the module\nimport os, sys\n\ndef show(p):\n    print(total_price(p))\n';
    assert.deepEqual(blanked(text).split('\n').filter((l) => l.trim()), ['def show(p):', '    print(total_price(p))']);
  });

  it('blanks Rust use, Java import and C# using directives, but not a using statement or code that mentions import', () => {
    const text = 'use crate::price::{total_price,\n    tax};\nimport com.shop.TotalPrice;\nusing Shop.Price;\n#include "price.h"\nusing (var reader = Open()) { Total(reader); }\nlet importance = total_price(1);\nconst imported = load("x");';
    assert.deepEqual(blanked(text).split('\n').filter((l) => l.trim()), ['using (var reader = Open()) { Total(reader); }', 'let importance = total_price(1);', 'const imported = load("x");']);
  });

  it('leaves a dynamic import and a call named import alone', () => {
    const text = "const mod = await import('./price');\nmod.totalPrice(1);";
    assert.equal(blanked(text), text);
  });
});
