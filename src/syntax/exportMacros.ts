/**
 * C and C++ headers mark exported classes with a macro between the keyword and the name
 * (`class JSINSPECTOR_EXPORT HostTarget : public Base {`, `struct Q_CORE_EXPORT QPoint {`). tree-sitter does not
 * expand macros, so it reads such a class as a function named after its base class, and its body as statements.
 * Blanking the macro (spaces of the same length, so every row and column stays where it was) lets the grammar
 * see the class it is.
 */

/**
 * An upper-case macro (letters, digits, underscores, two characters at least) right after `class`, `struct` or
 * `union` and before the type's name, itself followed by template arguments, `final`, a base list or a body
 * (`class URL final : Base` names `URL`: `final` is no name).
 */
const EXPORT_MACRO = /\b(class|struct|union)(\s+)([A-Z][A-Z0-9_]+)(?=\s+(?!final\b)[A-Za-z_]\w*\s*(?:<[^;{}()]*>\s*)?(?:final\s*)?[:{])/g;

/** `text` with export macros blanked (EXPORT_MACRO); the same text when it has none. */
export function withoutExportMacros(text: string): string {
  return text.replace(EXPORT_MACRO, (_all, keyword: string, gap: string, macro: string) => keyword + gap + ' '.repeat(macro.length));
}
