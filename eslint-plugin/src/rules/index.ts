import noBlockingInAsync from './no-blocking-in-async';
import noMissingAwait from './no-missing-await';
import noUnclosedResource from './no-unclosed-resource';
import noMisusedAsyncCallback from './no-misused-async-callback';
import noUnboundedConcurrency from './no-unbounded-concurrency';
import noSwallowedRejection from './no-swallowed-rejection';
import preferPromiseAll from './prefer-promise-all';
import requireTimeout from './require-timeout';

/** Every rule of the plugin, by name. A new rule is added here and nowhere else. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-missing-await': noMissingAwait,
  'no-unclosed-resource': noUnclosedResource,
  'no-misused-async-callback': noMisusedAsyncCallback,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'no-swallowed-rejection': noSwallowedRejection,
  'prefer-promise-all': preferPromiseAll,
  'require-timeout': requireTimeout,
};

export type RuleName = keyof typeof rules;
