// The response pane: status and timing, GraphQL errors listed readably
// (https://spec.graphql.org/October2021/#sec-Errors), and the body as indented,
// coloured JSON.

import { escapeHTML } from "./highlighter.js";

/** Indented JSON with spans for keys, strings, numbers, booleans and null. */
export function highlightJSON(value) {
  const text = JSON.stringify(value, null, 2) ?? "";
  return escapeHTML(text).replace(
    /(&quot;(?:[^\\&]|\\.|&(?!quot;))*?&quot;)(\s*:)?|\b(true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (match, string, colon, bool) => {
      if (string) return colon ? `<span class="json-key">${string}</span>${colon}` : `<span class="json-string">${string}</span>`;
      if (bool) return `<span class="json-boolean">${match}</span>`;
      if (match === "null") return `<span class="json-null">null</span>`;
      return `<span class="json-number">${match}</span>`;
    });
}

function errorItem(error) {
  const item = document.createElement("li");
  const message = document.createElement("strong");
  message.textContent = typeof error.message === "string" ? error.message : JSON.stringify(error);
  item.append(message);
  const details = [];
  if (error.extensions && error.extensions.code) details.push(`code ${error.extensions.code}`);
  if (Array.isArray(error.path)) details.push(`at ${error.path.join(".")}`);
  if (Array.isArray(error.locations)) {
    details.push(error.locations.map((l) => `line ${l.line}, column ${l.column}`).join("; "));
  }
  if (details.length) {
    const meta = document.createElement("span");
    meta.className = "error-meta";
    meta.textContent = details.join(" · ");
    item.append(" ", meta);
  }
  return item;
}

/**
 * Shows a finished request. `result` is what transport's postGraphQL gives.
 * `view` holds the elements: `{ status, errors, body }`.
 */
export function showResult(view, result) {
  const ok = result.status >= 200 && result.status < 300;
  const hasErrors = result.json && Array.isArray(result.json.errors) && result.json.errors.length > 0;
  view.status.className = "response-status " + (ok && !hasErrors ? "ok" : ok ? "partial" : "failed");
  view.status.textContent = `${result.status} ${result.statusText || ""}`.trim() + ` · ${result.ms} ms`;
  view.status.dataset.status = String(result.status);
  view.status.dataset.ms = String(result.ms);
  view.errors.replaceChildren();
  view.errors.hidden = !hasErrors;
  if (hasErrors) {
    const title = document.createElement("p");
    title.textContent = result.json.errors.length === 1 ? "1 error" : `${result.json.errors.length} errors`;
    const list = document.createElement("ul");
    list.append(...result.json.errors.map(errorItem));
    view.errors.append(title, list);
  }
  view.body.innerHTML = result.json !== undefined ? highlightJSON(result.json) : escapeHTML(result.body);
}

/** Shows a problem found before or instead of a response (bad JSON, network down). */
export function showProblem(view, text) {
  view.status.className = "response-status failed";
  view.status.textContent = "Not sent";
  delete view.status.dataset.status;
  view.errors.hidden = false;
  view.errors.replaceChildren();
  const p = document.createElement("p");
  p.textContent = text;
  view.errors.append(p);
  view.body.textContent = "";
}

/**
 * Shows a subscription's events as they arrive: the count and state in the
 * status (`data-events` holds the count), the errors of the latest event, and
 * every event's payload, oldest first (the last 100).
 */
export function showEvents(view, events, state) {
  const latest = events[events.length - 1];
  const hasErrors = latest && Array.isArray(latest.errors) && latest.errors.length > 0;
  view.status.className = "response-status " + (state === "failed" ? "failed" : hasErrors ? "partial" : "ok");
  const count = events.length === 1 ? "1 event" : `${events.length} events`;
  const label = { live: "Subscribed, waiting for events", ended: "Subscription ended", failed: "Subscription failed" }[state];
  view.status.textContent = `${label} · ${count}`;
  view.status.dataset.events = String(events.length);
  view.status.dataset.subscription = state;
  delete view.status.dataset.status;
  view.errors.replaceChildren();
  view.errors.hidden = !hasErrors;
  if (hasErrors) {
    const title = document.createElement("p");
    title.textContent = "The latest event has errors";
    const list = document.createElement("ul");
    list.append(...latest.errors.map(errorItem));
    view.errors.append(title, list);
  }
  view.body.innerHTML = events.length ? highlightJSON(events.slice(-100)) : "No event yet.";
}

export function showPending(view) {
  view.status.className = "response-status pending";
  view.status.textContent = "Running…";
}
