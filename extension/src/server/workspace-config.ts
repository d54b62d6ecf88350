import { createRequire } from 'node:module';
import * as path from 'node:path';

interface WorkspaceESLint {
  calculateConfigForFile(filePath: string): Promise<unknown>;
}

interface CalculatedConfig {
  plugins?: Record<string, { meta?: { name?: string } } | string>;
  rules?: Record<string, unknown>;
}

const PLUGIN_PACKAGE = 'eslint-plugin-async-pitfalls';

function isEnabled(entry: unknown): boolean {
  const severity = Array.isArray(entry) ? (entry[0] as unknown) : entry;
  return severity !== 0 && severity !== 'off' && severity !== undefined;
}

/** Whether a config computed by the workspace's ESLint turns on any rule of this plugin, under any name. */
export function enablesPlugin(config: unknown): boolean {
  const { plugins = {}, rules = {} } = (config ?? {}) as CalculatedConfig;
  const namespaces = new Set<string>(['async-pitfalls']);
  for (const [namespace, plugin] of Object.entries(plugins)) {
    if (typeof plugin === 'object' && plugin?.meta?.name === PLUGIN_PACKAGE) namespaces.add(namespace);
    // ESLint 9 lists plugins as "namespace:package@version" strings in printed configs.
    if (typeof plugin === 'string' && plugin.includes(PLUGIN_PACKAGE)) namespaces.add(namespace);
  }
  return Object.entries(rules).some(([ruleId, entry]) => {
    const slash = ruleId.lastIndexOf('/');
    return slash > 0 && namespaces.has(ruleId.slice(0, slash)) && isEnabled(entry);
  });
}

/**
 * Asks the workspace's own ESLint (only ever called in a trusted workspace: it runs the
 * workspace's config file) whether it lints a file with this plugin, so that the editor does not
 * show every problem twice. A folder without ESLint, or with a broken config, never defers.
 */
export class WorkspaceConfigProbe {
  private readonly instances = new Map<string, Promise<WorkspaceESLint | undefined>>();
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(private readonly log: (message: string) => void) {}

  clear(): void {
    this.instances.clear();
    this.answers.clear();
  }

  private eslintFor(folder: string): Promise<WorkspaceESLint | undefined> {
    let instance = this.instances.get(folder);
    if (!instance) {
      instance = (async (): Promise<WorkspaceESLint | undefined> => {
        try {
          const workspaceRequire = createRequire(path.join(folder, 'package.json'));
          const eslintModule = workspaceRequire('eslint') as {
            loadESLint?: (options: { useFlatConfig: boolean }) => Promise<new (options: { cwd: string }) => WorkspaceESLint>;
            ESLint?: new (options: { cwd: string }) => WorkspaceESLint;
          };
          const ESLintClass = eslintModule.loadESLint
            ? await eslintModule.loadESLint({ useFlatConfig: true })
            : eslintModule.ESLint;
          return ESLintClass ? new ESLintClass({ cwd: folder }) : undefined;
        } catch {
          return undefined;
        }
      })();
      this.instances.set(folder, instance);
    }
    return instance;
  }

  defersTo(folder: string, filePath: string): Promise<boolean> {
    let answer = this.answers.get(filePath);
    if (!answer) {
      answer = (async (): Promise<boolean> => {
        const eslint = await this.eslintFor(folder);
        if (!eslint) return false;
        try {
          const config = await eslint.calculateConfigForFile(filePath);
          const defers = enablesPlugin(config);
          if (defers) this.log(`${filePath}: the workspace's ESLint config enables async-pitfalls; deferring to it.`);
          return defers;
        } catch (error) {
          this.log(`${filePath}: the workspace's ESLint config could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); using the built-in config.`);
          return false;
        }
      })();
      this.answers.set(filePath, answer);
    }
    return answer;
  }
}
