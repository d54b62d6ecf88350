import noBlockingInAsync from './no-blocking-in-async';
import noMissingAwait from './no-missing-await';

/** Every rule of the plugin, by name. A new rule is added here and nowhere else. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-missing-await': noMissingAwait,
};

export type RuleName = keyof typeof rules;
