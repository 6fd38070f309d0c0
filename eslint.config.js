import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "docs/api/**", "node_modules/**", ".interleaf/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", URL: "readonly" } },
  },
  {
    // Everything the package throws is an InterleafError (code, details, cause, retryable).
    files: ["src/**/*.ts", "nodes/**/*.ts", "graphs/**/*.ts", "cli/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ThrowStatement > :matches(NewExpression, CallExpression)[callee.name=/^(Error|TypeError|RangeError|SyntaxError)$/]",
          message: "Throw an InterleafError with a code (e.g. new InterleafError(\"config_invalid\", ...)), not a plain Error.",
        },
        {
          selector: "CallExpression[callee.property.name='reject'] > :matches(NewExpression, CallExpression)[callee.name=/^(Error|TypeError|RangeError|SyntaxError)$/]",
          message: "Reject with an InterleafError with a code, not a plain Error.",
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(\\.\\./)+(nodes|graphs|cli)(/|$)", message: "src/ must not import nodes/, graphs/ or cli/ (layers: cli -> graphs -> nodes -> src)." }] }],
    },
  },
  {
    files: ["nodes/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(\\.\\./)+(graphs|cli)(/|$)", message: "nodes/ must not import graphs/ or cli/ (layers: cli -> graphs -> nodes -> src)." }] }],
    },
  },
  {
    files: ["graphs/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(\\.\\./)+cli(/|$)", message: "graphs/ must not import cli/ (layers: cli -> graphs -> nodes -> src)." }] }],
    },
  },
);
