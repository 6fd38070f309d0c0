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
