import noBlockingInAsync from './no-blocking-in-async';
import noSwallowedRejection from './no-swallowed-rejection';
import preferPromiseAll from './prefer-promise-all';
import requireTimeout from './require-timeout';

/** Every rule of the plugin, by name. A new rule is added here and nowhere else. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-swallowed-rejection': noSwallowedRejection,
  'prefer-promise-all': preferPromiseAll,
  'require-timeout': requireTimeout,
};

export type RuleName = keyof typeof rules;
