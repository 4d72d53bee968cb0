// GraphQL syntax highlighting for the query editor: a small lexer that follows
// the token grammar of the spec (https://spec.graphql.org/October2021/#sec-Language.Source-Text)
// closely enough to colour text that may be half-typed, plus a renderer to HTML.

const KEYWORDS = new Set([
  "query", "mutation", "subscription", "fragment", "on",
  "true", "false", "null",
]);

const PUNCTUATORS = "!$&()[]{}:=@|";

/**
 * Splits `source` into tokens `{ kind, start, end }` that cover every character,
 * so that joining the tokens gives the source back. Unterminated strings run to
 * the end of the line (or of the source, for block strings) rather than failing.
 * Kinds: ws, comment, punct, spread, name, number, string, invalid.
 */
export function tokenize(source) {
  const tokens = [];
  let i = 0;
  const n = source.length;
  const push = (kind, start, end) => tokens.push({ kind, start, end });
  while (i < n) {
    const c = source[i];
    const start = i;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === "\uFEFF") {
      while (i < n && " \t\n\r,\uFEFF".includes(source[i])) i++;
      push("ws", start, i);
    } else if (c === "#") {
      while (i < n && source[i] !== "\n" && source[i] !== "\r") i++;
      push("comment", start, i);
    } else if (c === "." && source.startsWith("...", i)) {
      i += 3;
      push("spread", start, i);
    } else if (PUNCTUATORS.includes(c)) {
      i++;
      push("punct", start, i);
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(source[i])) i++;
      push("name", start, i);
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
      i += m ? m[0].length : 1;
      push(m ? "number" : "invalid", start, i);
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < n && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
        i = Math.min(n, i + 3);
      } else {
        i++;
        while (i < n && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
        i = Math.min(n, source[i] === '"' ? i + 1 : i);
      }
      push("string", start, i);
    } else {
      i++;
      push("invalid", start, i);
    }
  }
  return tokens;
}

/**
 * Gives each token a CSS class by its role: keywords, variables (`$name`),
 * directives (`@name`), argument and input-field names (a name before `:`),
 * type names (after `on`, and after `:` or `[` in variable definitions),
 * field names, and literal values.
 */
export function classify(source, tokens) {
  const significant = tokens.filter((t) => t.kind !== "ws" && t.kind !== "comment");
  const text = (t) => source.slice(t.start, t.end);
  let parenDepth = 0;
  let braceDepth = 0;
  let inVariableDefinitions = false;
  for (let k = 0; k < significant.length; k++) {
    const t = significant[k];
    const prev = significant[k - 1];
    const next = significant[k + 1];
    const value = text(t);
    if (t.kind === "punct") {
      t.cls = "tok-punct";
      if (value === "(") {
        if (braceDepth === 0 && parenDepth === 0) inVariableDefinitions = true;
        parenDepth++;
      } else if (value === ")") {
        parenDepth = Math.max(0, parenDepth - 1);
        if (parenDepth === 0) inVariableDefinitions = false;
      } else if (value === "{") braceDepth++;
      else if (value === "}") braceDepth = Math.max(0, braceDepth - 1);
      if ("(){}[]".includes(value)) t.cls += " tok-bracket";
      if ((value === "$" || value === "@") && next && next.kind === "name" && next.start === t.end) {
        t.cls = value === "$" ? "tok-variable" : "tok-directive";
      }
      continue;
    }
    if (t.kind !== "name") {
      t.cls = { number: "tok-number", string: "tok-string", spread: "tok-punct", invalid: "tok-invalid" }[t.kind];
      continue;
    }
    const prevText = prev ? text(prev) : "";
    if (prevText === "$" && prev.kind === "punct") t.cls = "tok-variable";
    else if (prevText === "@" && prev.kind === "punct") t.cls = "tok-directive";
    else if (prev && text(prev) === "on" && prev.cls === "tok-keyword") t.cls = "tok-type";
    else if (inVariableDefinitions && (prevText === ":" || prevText === "[")) t.cls = "tok-type";
    else if (next && text(next) === ":" && (parenDepth > 0 || braceDepth > 0) && !(prev && text(prev) === "$")) {
      // A name before `:` is an argument, an object field, or an alias.
      t.cls = parenDepth > 0 ? "tok-argument" : "tok-alias";
    } else if (KEYWORDS.has(value) && (braceDepth === 0 || ["true", "false", "null"].includes(value) && (parenDepth > 0 || prevText === ":"))) {
      t.cls = "tok-keyword";
    } else if (value === "on" && prev && prev.kind === "spread") t.cls = "tok-keyword";
    else if (braceDepth === 0 && prev && ["query", "mutation", "subscription", "fragment"].includes(prevText)) t.cls = "tok-definition";
    else if (parenDepth > 0) t.cls = "tok-enum";
    else if (prev && prev.kind === "spread") t.cls = "tok-fragment";
    else t.cls = "tok-field";
  }
  for (const t of tokens) {
    if (t.kind === "comment") t.cls = "tok-comment";
  }
  return tokens;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
export function escapeHTML(s) {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/**
 * Renders `source` as highlighted HTML. `marks` is a set of character offsets
 * (the brackets matched at the caret) whose tokens get `bracket-match` too.
 * A trailing newline gets an extra space so the `<pre>` keeps the textarea's height.
 */
export function highlight(source, marks = new Set()) {
  const tokens = classify(source, tokenize(source));
  let html = "";
  for (const t of tokens) {
    const piece = escapeHTML(source.slice(t.start, t.end));
    let cls = t.cls || "";
    if (marks.has(t.start) && t.end - t.start === 1) cls += " bracket-match";
    html += cls ? `<span class="${cls.trim()}">${piece}</span>` : piece;
  }
  if (source.endsWith("\n") || source === "") html += " ";
  return html;
}
