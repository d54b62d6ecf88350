import noBlockingInAsync from './no-blocking-in-async';
import noUnclosedResource from './no-unclosed-resource';

/** Every rule of the plugin, by name. A new rule is added here and nowhere else. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-unclosed-resource': noUnclosedResource,
};

export type RuleName = keyof typeof rules;
