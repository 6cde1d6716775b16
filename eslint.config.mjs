// Lint rules the build enforces (run by `npm test`). Few and deliberate: each one guards a
// habit that the type checker alone does not.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'test/support/swagger-plugin.transformer.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A union that grows a member must be handled everywhere it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      // Type-only imports say so, and vanish from the compiled output.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A promise nobody awaits loses its failure.
      '@typescript-eslint/no-floating-promises': 'error',
      // Stored events are narrowed in one place (`narrowEvent`); double casts hide type errors.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword']",
          message: 'No `as unknown as`: narrow stored events with narrowEvent, or type the value properly.',
        },
      ],
    },
  },
);
