/**
 * Whether a comment next to code explains a decision the rule would otherwise question: a comment
 * that says why an error may be ignored, or why a promise need not be awaited, is a reason; one
 * that only describes what the code does ("clear the history if the cert changed") is not, and a
 * note of work left to do (TODO, FIXME) says the opposite.
 */

const WORK_LEFT_TO_DO = /\b(?:TODO|FIXME|XXX|BUG|HACK)\b/;

/** Words of a comment saying why a failure may be ignored. */
const EXPLAINS_IGNORING =
  /\b(?:ignor(?:e|ed|es|ing)|best[- ]effort|safe(?:ly)?|harmless|expected|may fail|can fail|might fail|fails? (?:if|when)|doesn'?t matter|does not matter|not (?:important|critical|needed|fatal)|optional|already|handled|reported|surfaced|swallow(?:ed|s)?|intentional(?:ly)?|deliberate(?:ly)?|on purpose|no-?op|nothing to do|fallback|fall back|not exist|doesn'?t exist|missing|silence[sd]?|observed|elsewhere|later)\b/i;

/** Words of a comment saying why a promise need not be awaited. */
const EXPLAINS_NOT_AWAITING =
  /\b(?:await(?:ed|ing)?|wait(?:ing)?|background|fire[- ]and[- ]forget|intentional(?:ly)?|deliberate(?:ly)?|on purpose|ignored?|no need|not needed|handled|rejects?|never fails?|cannot fail|can't fail|in parallel|concurrently|unhandled (?:promise )?rejections?)\b/i;

export function explainsIgnoringErrors(text: string): boolean {
  return EXPLAINS_IGNORING.test(text) && !WORK_LEFT_TO_DO.test(text) && !/eslint-disable/.test(text);
}

export function explainsNotAwaiting(text: string): boolean {
  return EXPLAINS_NOT_AWAITING.test(text) && !WORK_LEFT_TO_DO.test(text) && !/eslint-disable/.test(text);
}
