import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint/universal';

import type {
  createDefaultConfig as CreateDefaultConfig,
  isForeignConfigProblem as IsForeignConfigProblem,
  ruleOptionsFromTunables as RuleOptionsFromTunables,
} from 'eslint-plugin-async-pitfalls/default-config';
import type { Settings } from './settings';
import type { TypeScriptChoice } from './typescript-loader';
import { chooseTypeScript, installTypeScript } from './typescript-loader';

export const PLUGIN_PREFIX = 'async-pitfalls/';

interface PluginShape {
  meta: { name: string; version: string };
  rules: Record<string, { meta?: { docs?: { url?: string }; fixable?: string; hasSuggestions?: boolean } }>;
  forgetFiles(paths?: readonly string[]): void;
}

interface Loaded {
  plugin: PluginShape;
  parser: TSESLint.FlatConfig.Parser;
  createDefaultConfig: typeof CreateDefaultConfig;
  ruleOptionsFromTunables: typeof RuleOptionsFromTunables;
  isForeignConfigProblem: typeof IsForeignConfigProblem;
  typescript: TypeScriptChoice;
}

export interface LintOutcome {
  messages: Linter.LintMessage[];
  durationMs: number;
}

/**
 * Lints with ESLint's `Linter`, the plugin and the typescript-eslint parser under the plugin's
 * default config built from the user's settings. The parser and the plugin load on first use, after
 * the TypeScript they run on has been chosen.
 */
export class LintEngine {
  private loaded: Loaded | undefined;
  private readonly linters = new Map<string, Linter>();
  private readonly configs = new Map<string, TSESLint.FlatConfig.ConfigArray>();
  private readonly reportedWarnings = new Set<string>();

  constructor(
    private readonly bundledTypeScriptRoot: string,
    private readonly folders: () => readonly string[],
    private readonly trusted: () => boolean,
    private readonly onWarning: (message: string) => void,
  ) {}

  get typescript(): TypeScriptChoice | undefined {
    return this.loaded?.typescript;
  }

  load(): Loaded {
    if (this.loaded) return this.loaded;
    const typescript = installTypeScript(chooseTypeScript(this.bundledTypeScriptRoot, this.folders(), this.trusted()));
    // Loaded here, not at the top, so that the TypeScript they require is the one chosen above.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const plugin = require('eslint-plugin-async-pitfalls') as PluginShape;
    const parser = require('@typescript-eslint/parser') as TSESLint.FlatConfig.Parser;
    const { createDefaultConfig, isForeignConfigProblem, ruleOptionsFromTunables } =
      require('eslint-plugin-async-pitfalls/default-config') as typeof import('eslint-plugin-async-pitfalls/default-config');
    /* eslint-enable @typescript-eslint/no-require-imports */
    this.loaded = { plugin, parser, createDefaultConfig, isForeignConfigProblem, ruleOptionsFromTunables, typescript };
    return this.loaded;
  }

  ruleNames(): string[] {
    return Object.keys(this.load().plugin.rules);
  }

  docsUrl(ruleName: string): string | undefined {
    return this.load().plugin.rules[ruleName]?.meta?.docs?.url;
  }

  /** Forgets what the rules read from these files (all files when none is given): they changed on disk. */
  forgetFiles(paths?: readonly string[]): void {
    this.loaded?.plugin.forgetFiles(paths);
  }

  /** Forgets every built config (settings changed). */
  clearConfigs(): void {
    this.configs.clear();
  }

  private linterFor(cwd: string): Linter {
    let linter = this.linters.get(cwd);
    if (!linter) {
      linter = new Linter({ cwd });
      this.linters.set(cwd, linter);
    }
    return linter;
  }

  private warnOnce(message: string): void {
    if (this.reportedWarnings.has(message)) return;
    this.reportedWarnings.add(message);
    this.onWarning(message);
  }

  configFor(settings: Settings, cwd: string, withOptions = true): TSESLint.FlatConfig.ConfigArray {
    const key = JSON.stringify([settings.config, settings.rules, settings.typeAware, cwd, withOptions, settings.tunables, settings.ruleOptions]);
    let config = this.configs.get(key);
    if (!config) {
      const { plugin, parser, createDefaultConfig, ruleOptionsFromTunables } = this.load();
      const ruleOptions: Record<string, Record<string, unknown>> = {};
      if (withOptions) {
        for (const source of [ruleOptionsFromTunables(settings.tunables), settings.ruleOptions]) {
          for (const [rule, options] of Object.entries(source)) ruleOptions[rule] = { ...ruleOptions[rule], ...options };
        }
      }
      config = createDefaultConfig(plugin as unknown as TSESLint.FlatConfig.Plugin, parser, {
        config: settings.config,
        typeAware: settings.typeAware,
        tsconfigRootDir: cwd,
        ruleSeverities: settings.rules,
        ruleOptions,
        onWarning: message => this.warnOnce(message),
      });
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * Runs `verify` (or `verifyAndFix`); a config that ESLint rejects (a rule option of the wrong
   * shape) is reported once and replaced by the same config without rule options.
   */
  private run<T>(settings: Settings, cwd: string, action: (linter: Linter, config: Linter.Config[]) => T): T {
    const linter = this.linterFor(cwd);
    try {
      return action(linter, this.configFor(settings, cwd) as unknown as Linter.Config[]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/Key "rules"|configuration for rule|invalid options|should NOT have|must NOT have|unexpected property/i.test(message)) throw error;
      this.warnOnce(`A rule option in the asyncPitfalls settings was rejected, rule options are ignored: ${message.split('\n')[0] ?? message}`);
      return action(linter, this.configFor(settings, cwd, false) as unknown as Linter.Config[]);
    }
  }

  lint(text: string, filePath: string, cwd: string, settings: Settings): LintOutcome {
    const started = performance.now();
    let messages = this.run(settings, cwd, (linter, config) => linter.verify(text, config, { filename: filePath }));
    if (settings.typeAware && messages.some(isOutsideProject)) {
      // A file no tsconfig includes (or not saved yet) is still linted, without types.
      this.warnOnce(`${path.basename(filePath)} is not part of a TypeScript project; linted without type information.`);
      const untyped = { ...settings, typeAware: false };
      messages = this.run(untyped, cwd, (linter, config) => linter.verify(text, config, { filename: filePath }));
    }
    const { isForeignConfigProblem } = this.load();
    return { messages: messages.filter(message => isOwnMessage(message) && !isForeignConfigProblem(message)), durationMs: performance.now() - started };
  }

  /** The text with every safe fix applied (never suggestions), or undefined when nothing changes. */
  fixAll(text: string, filePath: string, cwd: string, settings: Settings): string | undefined {
    const typed = settings.typeAware && !this.run(settings, cwd, (linter, config) => linter.verify(text, config, { filename: filePath })).some(isOutsideProject);
    const report = this.run(typed ? settings : { ...settings, typeAware: false }, cwd, (linter, config) =>
      // `fix` also takes a filter at run time: only this plugin's fixes, not those of rules an inline comment turns on.
      linter.verifyAndFix(text, config, {
        filename: filePath,
        fix: (message: Linter.LintMessage) => isOwnRule(message.ruleId),
      } as unknown as Linter.FixOptions),
    );
    return report.fixed ? report.output : undefined;
  }
}

function isOutsideProject(message: Linter.LintMessage): boolean {
  return message.fatal === true && /project service|allowDefaultProject|parserOptions\.project/i.test(message.message);
}

export function isOwnRule(ruleId: string | null | undefined): ruleId is string {
  return typeof ruleId === 'string' && ruleId.startsWith(PLUGIN_PREFIX);
}

/**
 * Our rules' messages and fatal parse errors; anything an inline `/* eslint … *\/` comment turns on
 * is not ours. (Nor is what ESLint says of comments for the user's own setup, which it marks fatal
 * for `/* eslint-env *\/` while linting the file all the same: `isForeignConfigProblem` drops it.)
 */
function isOwnMessage(message: Linter.LintMessage): boolean {
  return isOwnRule(message.ruleId) || message.fatal === true;
}

/** The name a file is linted under; documents without a path (untitled) get one from their language. */
export function lintFileName(filePath: string | undefined, languageId: string, cwd: string): string {
  if (filePath) return filePath;
  const extension = { typescript: '.ts', typescriptreact: '.tsx', javascriptreact: '.jsx' }[languageId] ?? '.js';
  return path.join(cwd, `untitled${extension}`);
}
