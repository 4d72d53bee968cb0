// Bracket matching for the query editor: finds the partner of the bracket at or
// just before the caret, skipping brackets inside strings and comments.

import { tokenize } from "./highlighter.js";

const PAIRS = { "(": ")", "[": "]", "{": "}" };
const CLOSERS = { ")": "(", "]": "[", "}": "{" };

/** The offsets of every bracket that is code (not inside a string or comment). */
function codeBrackets(source) {
  return tokenize(source)
    .filter((t) => t.kind === "punct" && "()[]{}".includes(source[t.start]))
    .map((t) => t.start);
}

/**
 * For a caret at `caret`, returns `{ at, match }` (offsets) of the bracket next to
 * the caret (the one just before it wins, like most editors) and its partner;
 * `match` is -1 when the bracket is unbalanced; null when no bracket touches the caret.
 */
export function matchBracket(source, caret) {
  const positions = codeBrackets(source);
  const set = new Set(positions);
  let at = -1;
  if (caret > 0 && set.has(caret - 1)) at = caret - 1;
  else if (set.has(caret)) at = caret;
  if (at < 0) return null;
  const ch = source[at];
  const index = positions.indexOf(at);
  if (PAIRS[ch]) {
    let depth = 0;
    for (let k = index; k < positions.length; k++) {
      const c = source[positions[k]];
      if (c === ch) depth++;
      else if (c === PAIRS[ch] && --depth === 0) return { at, match: positions[k] };
    }
  } else {
    const open = CLOSERS[ch];
    let depth = 0;
    for (let k = index; k >= 0; k--) {
      const c = source[positions[k]];
      if (c === ch) depth++;
      else if (c === open && --depth === 0) return { at, match: positions[k] };
    }
  }
  return { at, match: -1 };
}

/** The closing partner of an opening bracket or quote, or undefined. */
export function closerFor(ch) {
  return ch === '"' ? '"' : PAIRS[ch];
}

export function isCloser(ch) {
  return ch in CLOSERS;
}
