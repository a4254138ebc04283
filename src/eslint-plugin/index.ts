/**
 * The ESLint plugin, for flat config (`unawaited/eslint-plugin`):
 *
 *   import unawaited from "unawaited/eslint-plugin";
 *   export default [{ plugins: { unawaited }, rules: { "unawaited/await-targets": ["error", { targets: [...] }] } }];
 *
 * or `unawaited.configs.recommended`, which reads the unawaited.config.json
 * found upward from each linted file. `export =` makes the plugin the
 * module itself, so an ESM default import and a `require` both get it.
 */
import type { ESLint, Linter } from "eslint";
import { packageVersion } from "../fs-paths";
import { awaitTargets } from "./await-targets";
import { RULE_NAME } from "./config";

interface UnawaitedPlugin extends ESLint.Plugin {
  readonly configs: { readonly recommended: Linter.Config };
}

const recommended: Linter.Config = {
  name: "unawaited/recommended",
  plugins: {},
  rules: { [RULE_NAME]: "error" },
};

const plugin: UnawaitedPlugin = {
  meta: { name: "unawaited", version: packageVersion() },
  rules: { "await-targets": awaitTargets },
  configs: { recommended },
};
// The config names the plugin it enables: itself.
recommended.plugins = { unawaited: plugin };

export = plugin;
