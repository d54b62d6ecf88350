import noBlockingInAsync from './no-blocking-in-async';

/** Every rule of the plugin, by name. A new rule is added here and nowhere else. */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
};

export type RuleName = keyof typeof rules;
