/**
 * Tree-sitter patterns for the definitions a file offers to its importers, per language: top-level
 * functions, classes, types, constants (and what a module, namespace or include guard wraps).
 * Each pattern captures the whole definition as `@def` and its name as `@name`.
 * Built as "where" × "what": `%` in a container template is replaced by each definition pattern.
 */

interface LanguageDefinitions {
  containers: string[];
  definitions: string[];
}

const JS_DECLARATIONS = [
  'function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration',
  'interface_declaration', 'type_alias_declaration', 'enum_declaration', 'function_signature', 'internal_module',
];
const JS_VARIABLES = ['lexical_declaration', 'variable_declaration'];

const JS: LanguageDefinitions = {
  containers: ['(program %)', '(program (export_statement declaration: (internal_module body: (statement_block %))))'],
  definitions: [
    ...JS_DECLARATIONS.flatMap((d) => [
      `(${d} name: (_) @name) @def`,
      `(export_statement declaration: (${d} name: (_) @name)) @def`,
      `(ambient_declaration (${d} name: (_) @name)) @def`,
      `(export_statement declaration: (ambient_declaration (${d} name: (_) @name))) @def`,
    ]),
    ...JS_VARIABLES.flatMap((v) => [
      `(${v} (variable_declarator name: (identifier) @name)) @def`,
      `(export_statement declaration: (${v} (variable_declarator name: (identifier) @name))) @def`,
      `(ambient_declaration (${v} (variable_declarator name: (identifier) @name))) @def`,
      `(export_statement declaration: (ambient_declaration (${v} (variable_declarator name: (identifier) @name)))) @def`,
    ]),
    // CommonJS: `exports.x = …`, `module.exports.x = …`.
    '(expression_statement (assignment_expression left: (member_expression property: (property_identifier) @name) @target)) @def',
  ],
};

const PYTHON_DEFINITIONS = [
  '(function_definition name: (identifier) @name) @def',
  '(class_definition name: (identifier) @name) @def',
  '(decorated_definition definition: (function_definition name: (identifier) @name)) @def',
  '(decorated_definition definition: (class_definition name: (identifier) @name)) @def',
  '(expression_statement (assignment left: (identifier) @name)) @def',
];

const PYTHON: LanguageDefinitions = {
  // Module level, and what is defined under `if`, `else` and `try` at module level (platform variants).
  containers: [
    '(module %)',
    '(module (if_statement consequence: (block %)))',
    '(module (if_statement alternative: (else_clause body: (block %))))',
    '(module (try_statement body: (block %)))',
  ],
  definitions: PYTHON_DEFINITIONS,
};

const GO: LanguageDefinitions = {
  containers: ['(source_file %)'],
  definitions: [
    '(function_declaration name: (identifier) @name) @def',
    '(method_declaration name: (field_identifier) @name) @def',
    '(type_declaration (type_spec name: (type_identifier) @name)) @def',
    '(type_declaration (type_alias name: (type_identifier) @name)) @def',
    '(const_declaration (const_spec name: (identifier) @name) @def)',
    '(var_declaration (var_spec name: (identifier) @name) @def)',
  ],
};

const RUST: LanguageDefinitions = {
  containers: ['(source_file %)', '(source_file (mod_item body: (declaration_list %)))'],
  definitions: [
    '(function_item name: (identifier) @name) @def',
    '(struct_item name: (type_identifier) @name) @def',
    '(enum_item name: (type_identifier) @name) @def',
    '(union_item name: (type_identifier) @name) @def',
    '(trait_item name: (type_identifier) @name) @def',
    '(type_item name: (type_identifier) @name) @def',
    '(const_item name: (identifier) @name) @def',
    '(static_item name: (identifier) @name) @def',
    '(macro_definition name: (identifier) @name) @def',
    '(mod_item name: (identifier) @name body: (declaration_list)) @def',
    '(impl_item type: (type_identifier) @name) @def',
  ],
};

const JAVA_TYPES = ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration'];
const JAVA: LanguageDefinitions = {
  containers: ['(program %)', ...JAVA_TYPES.map((t) => `(program (${t} body: (_ %)))`)],
  definitions: [
    ...JAVA_TYPES.map((t) => `(${t} name: (identifier) @name) @def`),
    '(method_declaration name: (identifier) @name) @def',
    '(field_declaration declarator: (variable_declarator name: (identifier) @name)) @def',
  ],
};

const C_CONTAINERS = ['(translation_unit %)', '(translation_unit (preproc_ifdef %))', '(translation_unit (preproc_if %))', '(translation_unit (linkage_specification body: (declaration_list %)))', '(translation_unit (preproc_ifdef (linkage_specification body: (declaration_list %))))'];
const C_DEFINITIONS = [
  '(function_definition declarator: (function_declarator declarator: (identifier) @name)) @def',
  '(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @def',
  '(declaration declarator: (function_declarator declarator: (identifier) @name)) @def',
  '(declaration declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @def',
  '(declaration declarator: (init_declarator declarator: (identifier) @name)) @def',
  '(declaration declarator: (identifier) @name) @def',
  '(type_definition declarator: (type_identifier) @name) @def',
  '(struct_specifier name: (type_identifier) @name body: (_)) @def',
  '(union_specifier name: (type_identifier) @name body: (_)) @def',
  '(enum_specifier name: (type_identifier) @name body: (_)) @def',
  '(preproc_def name: (identifier) @name) @def',
  '(preproc_function_def name: (identifier) @name) @def',
];
const C: LanguageDefinitions = { containers: C_CONTAINERS, definitions: C_DEFINITIONS };

const CPP: LanguageDefinitions = {
  containers: [
    ...C_CONTAINERS,
    '(translation_unit (namespace_definition body: (declaration_list %)))',
    '(translation_unit (preproc_ifdef (namespace_definition body: (declaration_list %))))',
    '(translation_unit (namespace_definition body: (declaration_list (namespace_definition body: (declaration_list %)))))',
  ],
  definitions: [
    ...C_DEFINITIONS,
    '(class_specifier name: (type_identifier) @name body: (_)) @def',
    '(template_declaration (class_specifier name: (type_identifier) @name body: (_))) @def',
    '(template_declaration (struct_specifier name: (type_identifier) @name body: (_))) @def',
    '(template_declaration (function_definition declarator: (function_declarator declarator: (identifier) @name))) @def',
    '(template_declaration (declaration declarator: (function_declarator declarator: (identifier) @name))) @def',
    '(alias_declaration name: (type_identifier) @name) @def',
  ],
};

const CSHARP_TYPES = ['class_declaration', 'interface_declaration', 'struct_declaration', 'enum_declaration', 'record_declaration', 'delegate_declaration'];
const CSHARP: LanguageDefinitions = {
  containers: [
    '(compilation_unit %)',
    '(compilation_unit (namespace_declaration body: (declaration_list %)))',
    '(compilation_unit (namespace_declaration body: (declaration_list (namespace_declaration body: (declaration_list %)))))',
  ],
  definitions: CSHARP_TYPES.map((t) => `(${t} name: (identifier) @name) @def`),
};

const RUBY: LanguageDefinitions = {
  containers: ['(program %)', '(program (module body: (body_statement %)))', '(program (module body: (body_statement (module body: (body_statement %)))))'],
  definitions: [
    '(class name: (_) @name) @def',
    '(module name: (_) @name) @def',
    '(method name: (_) @name) @def',
    '(singleton_method name: (_) @name) @def',
    '(assignment left: (constant) @name) @def',
  ],
};

const PHP: LanguageDefinitions = {
  containers: ['(program %)', '(program (namespace_definition body: (compound_statement %)))'],
  definitions: [
    '(class_declaration name: (name) @name) @def',
    '(interface_declaration name: (name) @name) @def',
    '(trait_declaration name: (name) @name) @def',
    '(enum_declaration name: (name) @name) @def',
    '(function_definition name: (name) @name) @def',
    '(const_declaration (const_element (name) @name)) @def',
  ],
};

const BY_LANGUAGE: Record<string, LanguageDefinitions> = {
  typescript: JS, typescriptreact: JS, javascript: JS, javascriptreact: JS,
  python: PYTHON, go: GO, rust: RUST, java: JAVA, c: C, cpp: CPP, csharp: CSHARP, ruby: RUBY, php: PHP,
};

/** The definition patterns for a language (empty when it has none). */
export function definitionPatterns(languageId: string): string[] {
  const spec = BY_LANGUAGE[languageId];
  if (!spec) return [];
  return spec.containers.flatMap((c) => spec.definitions.map((d) => c.replace('%', d)));
}

/** Definition kinds that are namespaces of members, shown as a header plus member signatures. */
export const CONTAINER_KINDS = /class|interface|struct|trait|enum|impl|module|namespace|record|union|object/;
