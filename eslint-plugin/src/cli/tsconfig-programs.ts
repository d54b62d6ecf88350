import * as path from 'node:path';

import type * as ts from 'typescript';

export interface TypedFiles {
  /** The files that a tsconfig's program holds (absolute paths). */
  typed: Set<string>;
  /** A folder above every tsconfig used, for the parser's project service to look up to. */
  tsconfigRootDir: string | undefined;
}

/**
 * Which of `files` get type information in `--types` mode: those that the nearest `tsconfig.json`
 * above them includes (directly or through its project references), or, when it does not, one
 * further up. Each tsconfig is parsed once, so the cost grows with the number of files and
 * tsconfigs, never with their product. The others are linted without types, and never reach the
 * parser's project service, whose inferred projects grow with every file it is asked about.
 */
export function findTypedFiles(typescript: typeof ts, files: readonly string[]): TypedFiles {
  const programs = new Map<string, Set<string>>();
  const nearestConfig = new Map<string, string | undefined>();
  const usedConfigs: string[] = [];
  const key = (file: string): string => (typescript.sys.useCaseSensitiveFileNames ? file : file.toLowerCase());

  function parse(configPath: string, seen: Set<string>): Set<string> {
    const known = programs.get(configPath);
    if (known) return known;
    const fileNames = new Set<string>();
    programs.set(configPath, fileNames);
    const parsed = typescript.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...typescript.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    if (!parsed) return fileNames;
    for (const fileName of parsed.fileNames) fileNames.add(key(path.resolve(fileName)));
    for (const reference of parsed.projectReferences ?? []) {
      const referenced = typescript.resolveProjectReferencePath(reference);
      if (seen.has(referenced)) continue;
      seen.add(referenced);
      for (const fileName of parse(referenced, seen)) fileNames.add(fileName);
    }
    return fileNames;
  }

  function configAbove(folder: string): string | undefined {
    if (nearestConfig.has(folder)) return nearestConfig.get(folder);
    const found = typescript.findConfigFile(folder, typescript.sys.fileExists);
    const resolved = found === undefined ? undefined : path.resolve(found);
    nearestConfig.set(folder, resolved);
    return resolved;
  }

  const typed = new Set<string>();
  for (const file of files) {
    for (let folder = path.dirname(file); ; ) {
      const config = configAbove(folder);
      if (config === undefined) break;
      if (parse(config, new Set([config])).has(key(file))) {
        typed.add(file);
        if (!usedConfigs.includes(config)) usedConfigs.push(config);
        break;
      }
      const parent = path.dirname(path.dirname(config));
      if (parent === path.dirname(config)) break;
      folder = parent;
    }
  }
  let tsconfigRootDir: string | undefined;
  for (const config of usedConfigs) {
    const dir = path.dirname(config);
    tsconfigRootDir = tsconfigRootDir === undefined ? dir : commonAncestor(tsconfigRootDir, dir);
  }
  return { typed, tsconfigRootDir };
}

export function commonAncestor(a: string, b: string): string {
  let base = a;
  while (path.relative(base, b).startsWith('..')) base = path.dirname(base);
  return base;
}
