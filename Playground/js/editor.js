// The query editor: a plain <textarea> (so caret, selection, undo, IME and screen
// readers behave as the browser makes them) laid over a <pre> that shows the same
// text highlighted. Typing keeps the two in step; the textarea's own text is
// transparent, only its caret and selection show.

import { highlight } from "./highlighter.js";
import { matchBracket, closerFor, isCloser } from "./brackets.js";

const INDENT = "  ";

/**
 * Inserts `text` over the selection `[start, end)` through the browser's editing
 * command when it can, so that Ctrl-Z undoes it; falls back to setRangeText.
 */
function insert(textarea, text, start = textarea.selectionStart, end = textarea.selectionEnd) {
  textarea.setSelectionRange(start, end);
  const ok = typeof document.execCommand === "function" && document.execCommand("insertText", false, text);
  if (!ok) {
    textarea.setRangeText(text, start, end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function lineIndent(value, caret) {
  const lineStart = value.lastIndexOf("\n", caret - 1) + 1;
  return /^[ \t]*/.exec(value.slice(lineStart))[0];
}

/**
 * Wires up `textarea` over `pre` and returns the editor:
 * `{ value, setValue(text), focus(), refresh() }`. `onChange(text)` is called after each edit.
 */
export function createEditor(textarea, pre, { onChange = () => {} } = {}) {
  let escapedTab = false;
  // The highlighted text sits in a <code> inside the <pre> and is moved by a
  // transform to follow the textarea's scrolling: the <pre> has no scrollbars, so
  // its own scroll range differs from the textarea's and scrollTop could not follow.
  const code = document.createElement("code");
  pre.replaceChildren(code);

  function render() {
    const value = textarea.value;
    const marks = new Set();
    let unmatched = -1;
    if (document.activeElement === textarea && textarea.selectionStart === textarea.selectionEnd) {
      const m = matchBracket(value, textarea.selectionStart);
      if (m && m.match >= 0) {
        marks.add(m.at);
        marks.add(m.match);
      } else if (m) unmatched = m.at;
    }
    code.innerHTML = highlight(value, marks);
    // A bracket at the caret without a partner is marked as a problem.
    if (unmatched >= 0) markUnmatched(unmatched);
    syncScroll();
  }

  function markUnmatched(at) {
    let offset = 0;
    for (const node of code.childNodes) {
      const length = node.textContent.length;
      if (offset === at && length === 1 && node.nodeType === 1) {
        node.classList.add("bracket-unmatched");
        return;
      }
      offset += length;
    }
  }

  function syncScroll() {
    code.style.transform = `translate(${-textarea.scrollLeft}px, ${-textarea.scrollTop}px)`;
  }

  function onKeyDown(event) {
    if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const before = value[start - 1] ?? "";
    const after = value[end] ?? "";
    const key = event.key;

    if (key === "Escape") {
      escapedTab = true; // the next Tab leaves the editor, for keyboard users
      return;
    }
    if (key === "Tab") {
      if (escapedTab) {
        escapedTab = false;
        return;
      }
      event.preventDefault();
      if (event.shiftKey) {
        const lineStart = value.lastIndexOf("\n", start - 1) + 1;
        if (value.startsWith(INDENT, lineStart)) insert(textarea, "", lineStart, lineStart + INDENT.length);
      } else insert(textarea, INDENT);
      return;
    }
    escapedTab = false;

    const closer = closerFor(key);
    if (closer && start !== end && key !== '"') {
      // Wrap the selection in the bracket pair.
      event.preventDefault();
      const selected = value.slice(start, end);
      insert(textarea, key + selected + closer);
      textarea.setSelectionRange(start + 1, start + 1 + selected.length);
      return;
    }
    if ((isCloser(key) || key === '"') && start === end && after === key) {
      // Typing the closer that is already there steps over it.
      event.preventDefault();
      textarea.setSelectionRange(start + 1, start + 1);
      render();
      return;
    }
    if (closer && start === end) {
      const nextIsFree = after === "" || /[\s)\]},]/.test(after);
      const quoteOk = key !== '"' || !/[\w"\\]/.test(before);
      if (nextIsFree && quoteOk) {
        event.preventDefault();
        insert(textarea, key + closer);
        textarea.setSelectionRange(start + 1, start + 1);
        render();
        return;
      }
    }
    if (key === "Backspace" && start === end && before && closerFor(before) === after && after !== "") {
      event.preventDefault();
      insert(textarea, "", start - 1, start + 1);
      return;
    }
    if (key === "Enter") {
      event.preventDefault();
      const indent = lineIndent(value, start);
      if (start === end && closerFor(before) && closerFor(before) === after && before !== '"') {
        insert(textarea, "\n" + indent + INDENT + "\n" + indent);
        const caret = start + 1 + indent.length + INDENT.length;
        textarea.setSelectionRange(caret, caret);
        render();
      } else {
        insert(textarea, "\n" + indent + (closerFor(before) && before !== '"' ? INDENT : ""));
      }
    }
  }

  textarea.addEventListener("input", () => {
    render();
    onChange(textarea.value);
  });
  textarea.addEventListener("keydown", onKeyDown);
  textarea.addEventListener("scroll", syncScroll);
  for (const type of ["keyup", "click", "focus", "blur", "select"]) textarea.addEventListener(type, render);
  document.addEventListener("selectionchange", () => {
    if (document.activeElement === textarea) render();
  });
  render();

  return {
    get value() {
      return textarea.value;
    },
    setValue(text) {
      textarea.value = text;
      render();
      onChange(text);
    },
    focus() {
      textarea.focus();
    },
    refresh: render,
  };
}
