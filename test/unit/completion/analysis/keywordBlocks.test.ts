import * as assert from 'node:assert/strict';
import { closesKeywordBlock, keywordCloser, opensKeywordBlock } from '../../../../src/completion/analysis/keywordBlocks';

const opens = (lines: string[], languageId: string) => lines.filter((l) => opensKeywordBlock(l, languageId));

describe('keywordBlocks: blocks that open and close with keywords', () => {
  it('Ruby: definitions, conditionals, loops, sections and blocks given to calls open one', () => {
    const openers = [
      '  def greet(name)', 'def self.call', '  private def secret', 'class Greeter < Base', 'class << self', 'module Admin',
      'if ready?', 'unless done', 'while queue.any?', 'until done', 'case kind', 'begin', 'for item in items',
      'value = if cached', '@client ||= begin', 'else', 'elsif retries > 3', 'when :admin', 'in { name: String }',
      'rescue StandardError => e', 'ensure', 'items.each do |item|', '5.times do |i|  # count', 'loop do',
      'File.open(path) do |file|', 'items.map { |item|', 'it "greets" do',
    ];
    assert.deepEqual(opens(openers, 'ruby'), openers);
  });

  it('Ruby: one-liners, modifiers, endless methods and keywords in strings or comments do not', () => {
    const lines = [
      'def empty; end', 'def full_name = "#{first} #{last}"', 'def pi() = 3.14', 'if ok then run end', 'return x if ready?',
      'when 1 then :one', 'items.each { |i| puts i }', 'items.each do |i| puts i end', 'puts "do"', 'run # do',
      'total = items.sum', 'items.sum {',
    ];
    assert.deepEqual(opens(lines, 'ruby'), []);
  });

  it('Elixir: `do` and `->` open one, the `do:` keyword form does not', () => {
    const openers = ['defmodule App do', '  def run(x) do', 'if ok? do', 'case File.read(path) do', 'fn x ->', '{:ok, v} ->', 'else'];
    assert.deepEqual(opens(openers, 'elixir'), openers);
    assert.deepEqual(opens(['def run(x), do: x', 'if ok, do: 1, else: 2', 'fn x -> x end', 'Enum.map(xs, & &1)'], 'elixir'), []);
  });

  it('Lua: `function`, `then`, `do`, `repeat` and `else` open one, unless closed on the line', () => {
    const openers = ['function M.setup(opts)', 'local function helper()', 'local f = function(a, b)', 'if x > 0 then', 'elseif y then', 'for i = 1, 10 do', 'while busy do', 'repeat', 'else'];
    assert.deepEqual(opens(openers, 'lua'), openers);
    assert.deepEqual(opens(['if x then return end', 'local f = function() return 1 end', 'repeat step() until done', 'print("then") -- do'], 'lua'), []);
  });

  it('only for those languages', () => {
    assert.equal(opensKeywordBlock('if (ready) do', 'typescript'), false);
    assert.equal(opensKeywordBlock('def f(x):', 'python'), false);
  });

  it('closers: `end` (and Lua\'s `until`), with what closes a header for the syntax check', () => {
    assert.equal(closesKeywordBlock('end', 'ruby'), true);
    assert.equal(closesKeywordBlock('end)', 'lua'), true);
    assert.equal(closesKeywordBlock('until done', 'lua'), true);
    assert.equal(closesKeywordBlock('ending = 1', 'ruby'), false);
    assert.equal(closesKeywordBlock('until done', 'ruby'), false);
    assert.equal(keywordCloser('  def greet(name)', 'ruby'), 'end');
    assert.equal(keywordCloser('repeat', 'lua'), 'until true');
    assert.equal(keywordCloser('puts 1', 'ruby'), undefined);
  });
});
