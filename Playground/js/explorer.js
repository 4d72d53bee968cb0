// The schema explorer: runs the introspection query
// (https://spec.graphql.org/October2021/#sec-Introspection) with the current
// headers and lets one browse types, fields, arguments, descriptions and
// deprecations, click through type names, go back, and search.

import { escapeHTML } from "./highlighter.js";

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`;
const INPUT_VALUE = `name description type { ${TYPE_REF} } defaultValue isDeprecated deprecationReason`;

/** The introspection query: the same selections graphql-js's standard one asks for. */
export const INTROSPECTION_QUERY = `query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      kind name description specifiedByURL
      fields(includeDeprecated: true) {
        name description
        args(includeDeprecated: true) { ${INPUT_VALUE} }
        type { ${TYPE_REF} }
        isDeprecated deprecationReason
      }
      inputFields(includeDeprecated: true) { ${INPUT_VALUE} }
      interfaces { ${TYPE_REF} }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ${TYPE_REF} }
    }
    directives {
      name description isRepeatable locations
      args(includeDeprecated: true) { ${INPUT_VALUE} }
    }
  }
}`;

/** `[Driver!]!`-style text for an introspected type reference. */
export function typeRefText(ref) {
  if (!ref) return "?";
  if (ref.kind === "NON_NULL") return `${typeRefText(ref.ofType)}!`;
  if (ref.kind === "LIST") return `[${typeRefText(ref.ofType)}]`;
  return ref.name;
}

function namedType(ref) {
  let r = ref;
  while (r && r.ofType) r = r.ofType;
  return r ? r.name : null;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Escaped text with Markdown `code` spans turned into <code>. */
function inline(text) {
  return escapeHTML(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/**
 * Renders the small Markdown subset descriptions use here (descriptions are
 * CommonMark by https://spec.graphql.org/October2021/#sec-Descriptions):
 * paragraphs, `- ` bullet lists and `code` spans; everything else stays plain text.
 */
function description(text) {
  if (!text) return null;
  const node = el("div", { class: "description" });
  for (const block of text.split(/\n{2,}/)) {
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) {
        const p = el("p");
        p.innerHTML = inline(paragraph.join(" "));
        node.append(p);
        paragraph = [];
      }
    };
    for (const line of block.split("\n")) {
      const item = /^\s*[-*]\s+(.*)$/.exec(line);
      if (item) {
        flush();
        if (!list) node.append((list = el("ul")));
        const li = el("li");
        li.innerHTML = inline(item[1]);
        list.append(li);
      } else if (list && /^\s+\S/.test(line)) {
        list.lastChild.innerHTML += " " + inline(line.trim());
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
  }
  return node;
}

function deprecation(item) {
  if (!item.isDeprecated) return null;
  const badge = el("span", { class: "deprecated", title: item.deprecationReason || "Deprecated" });
  badge.innerHTML = "deprecated" + (item.deprecationReason ? `: ${inline(item.deprecationReason)}` : "");
  return badge;
}

/**
 * Creates the explorer inside `root`, filtering with `searchInput`. Returns
 * `{ load(schema), showType(name), reset() }`; `schema` is the `__schema` object.
 */
export function createExplorer(root, searchInput) {
  let schema = null;
  let types = new Map();
  let stack = []; // names of the types visited, the current one last

  const crumbs = el("nav", { class: "explorer-crumbs", "aria-label": "Explorer path" });
  const body = el("div", { class: "explorer-body" });
  root.replaceChildren(crumbs, body);

  function typeLink(ref) {
    const name = namedType(ref);
    const text = typeRefText(ref);
    const i = text.indexOf(name);
    return el("span", { class: "type-ref" },
      text.slice(0, i),
      el("button", { type: "button", class: "type-link", "data-type": name, onclick: () => showType(name) }, name),
      text.slice(i + name.length));
  }

  function argList(args) {
    if (!args || args.length === 0) return [];
    const parts = ["("];
    args.forEach((arg, k) => {
      if (k > 0) parts.push(", ");
      parts.push(el("span", { class: "arg-name" }, arg.name), ": ", typeLink(arg.type));
      if (arg.defaultValue !== null && arg.defaultValue !== undefined) parts.push(` = ${arg.defaultValue}`);
    });
    parts.push(")");
    return parts;
  }

  function argDetails(args) {
    const documented = (args || []).filter((a) => a.description || a.isDeprecated);
    if (documented.length === 0) return null;
    return el("ul", { class: "arg-details" }, documented.map((a) =>
      el("li", {}, el("span", { class: "arg-name" }, a.name), deprecation(a), description(a.description))));
  }

  function fieldItem(field, withArgs) {
    return el("li", { class: "field" + (field.isDeprecated ? " is-deprecated" : ""), "data-field": field.name },
      el("div", { class: "field-signature" },
        el("span", { class: "field-name" }, field.name),
        withArgs ? argList(field.args) : [],
        ": ", typeLink(field.type), field.defaultValue != null ? ` = ${field.defaultValue}` : "",
        deprecation(field)),
      description(field.description),
      withArgs ? argDetails(field.args) : null);
  }

  function renderCrumbs() {
    const back = el("button", { type: "button", id: "explorer-back", class: "explorer-back", onclick: back_ }, "← Back");
    back.disabled = stack.length === 0;
    const trail = [el("button", { type: "button", class: "crumb", onclick: () => { stack = []; render(); } }, "Schema")];
    stack.forEach((name, k) => {
      trail.push(" / ");
      trail.push(k === stack.length - 1
        ? el("span", { class: "crumb current", "aria-current": "page" }, name)
        : el("button", { type: "button", class: "crumb", onclick: () => { stack = stack.slice(0, k + 1); render(); } }, name));
    });
    crumbs.replaceChildren(back, el("span", { class: "crumb-trail" }, trail));
  }

  function back_() {
    stack.pop();
    render();
  }

  function renderSchema() {
    const roots = [["Query", schema.queryType], ["Mutation", schema.mutationType], ["Subscription", schema.subscriptionType]]
      .filter(([, t]) => t);
    const userTypes = [...types.values()].filter((t) => !t.name.startsWith("__"))
      .sort((a, b) => a.name.localeCompare(b.name));
    const about = schema.description
      ? el("details", { class: "schema-about" }, el("summary", {}, "About this schema"), description(schema.description))
      : null;
    body.replaceChildren(
      ...(about ? [about] : []),
      el("h3", {}, "Root types"),
      el("ul", { class: "type-list" }, roots.map(([label, t]) =>
        el("li", {}, `${label.toLowerCase()}: `, typeLink({ kind: "OBJECT", name: t.name })))),
      el("h3", {}, `All types (${userTypes.length})`),
      el("ul", { class: "type-list" }, userTypes.map((t) =>
        el("li", {}, typeLink({ kind: t.kind, name: t.name }), el("span", { class: "kind" }, t.kind.toLowerCase().replace("_", " "))))));
  }

  function renderType(type) {
    const parts = [
      el("h3", { class: "type-title" }, type.name, " ", el("span", { class: "kind" }, type.kind.toLowerCase().replace("_", " "))),
      description(type.description),
    ];
    if (type.specifiedByURL) parts.push(el("p", { class: "muted" }, `Specified by ${type.specifiedByURL}`));
    if (type.interfaces && type.interfaces.length) {
      parts.push(el("p", {}, "Implements ", type.interfaces.map((i, k) => [k ? ", " : "", typeLink(i)])));
    }
    if (type.fields) {
      parts.push(el("h4", {}, "Fields"), el("ul", { class: "field-list" }, type.fields.map((f) => fieldItem(f, true))));
    }
    if (type.inputFields) {
      parts.push(el("h4", {}, "Input fields"), el("ul", { class: "field-list" }, type.inputFields.map((f) => fieldItem(f, false))));
    }
    if (type.enumValues) {
      parts.push(el("h4", {}, "Values"), el("ul", { class: "field-list" }, type.enumValues.map((v) =>
        el("li", { class: "field" + (v.isDeprecated ? " is-deprecated" : "") },
          el("div", { class: "field-signature" }, el("span", { class: "enum-value" }, v.name), deprecation(v)),
          description(v.description)))));
    }
    if (type.possibleTypes && type.possibleTypes.length) {
      parts.push(el("h4", {}, "Possible types"), el("ul", { class: "type-list" }, type.possibleTypes.map((t) => el("li", {}, typeLink(t)))));
    }
    body.replaceChildren(...parts.filter(Boolean));
  }

  function renderSearch(term) {
    const needle = term.toLowerCase();
    const typeHits = [];
    const fieldHits = [];
    for (const t of types.values()) {
      if (t.name.startsWith("__")) continue;
      if (t.name.toLowerCase().includes(needle)) typeHits.push(t);
      for (const f of [...(t.fields || []), ...(t.inputFields || [])]) {
        if (f.name.toLowerCase().includes(needle)) fieldHits.push([t, f]);
      }
    }
    body.replaceChildren(
      el("h3", {}, `Types matching “${term}” (${typeHits.length})`),
      el("ul", { class: "type-list" }, typeHits.map((t) => el("li", {}, typeLink({ kind: t.kind, name: t.name })))),
      el("h3", {}, `Fields matching “${term}” (${fieldHits.length})`),
      el("ul", { class: "type-list" }, fieldHits.slice(0, 200).map(([t, f]) =>
        el("li", {}, typeLink({ kind: t.kind, name: t.name }), ".", el("span", { class: "field-name" }, f.name), ": ", typeLink(f.type)))));
  }

  function render() {
    if (!schema) return;
    renderCrumbs();
    const term = searchInput.value.trim();
    const current = stack[stack.length - 1];
    if (term && !current) renderSearch(term);
    else if (current && types.has(current)) renderType(types.get(current));
    else renderSchema();
  }

  function showType(name) {
    if (!types.has(name)) return;
    searchInput.value = "";
    if (stack[stack.length - 1] !== name) stack.push(name);
    render();
    root.scrollTop = 0;
  }

  searchInput.addEventListener("input", () => {
    stack = [];
    render();
  });

  return {
    load(newSchema) {
      schema = newSchema;
      types = new Map(newSchema.types.map((t) => [t.name, t]));
      stack = stack.filter((name) => types.has(name));
      render();
    },
    showType,
    message(text, isError = false) {
      schema = null;
      crumbs.replaceChildren();
      body.replaceChildren(el("p", { class: isError ? "error" : "muted" }, text));
    },
  };
}
