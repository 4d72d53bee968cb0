// Query history kept in the browser (localStorage): the newest run first, at most
// LIMIT entries, the same query and variables run twice in a row stored once.

const KEY = "supportcarr.playground.history";
const LIMIT = 50;

export function loadHistory(storage = window.localStorage) {
  try {
    const entries = JSON.parse(storage.getItem(KEY) || "[]");
    return Array.isArray(entries) ? entries.filter((e) => e && typeof e.query === "string") : [];
  } catch {
    return [];
  }
}

export function addToHistory(entry, storage = window.localStorage) {
  const entries = loadHistory(storage);
  const first = entries[0];
  if (first && first.query === entry.query && first.variables === entry.variables) {
    entries[0] = { ...first, at: entry.at };
  } else {
    entries.unshift(entry);
  }
  const kept = entries.slice(0, LIMIT);
  try {
    storage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: history is a convenience, running goes on.
  }
  return kept;
}

export function clearHistory(storage = window.localStorage) {
  storage.removeItem(KEY);
  return [];
}

/** A short label for an entry: the operation's name, or its first field. */
export function labelFor(query) {
  const named = /\b(query|mutation|subscription)\s+([A-Za-z_]\w*)/.exec(query);
  if (named) return `${named[1]} ${named[2]}`;
  const field = /\{\s*([A-Za-z_]\w*)/.exec(query.replace(/#[^\n]*/g, ""));
  return field ? `{ ${field[1]} }` : "(empty)";
}

/**
 * Renders the entries into the list element; clicking one calls `onPick(entry)`.
 */
export function renderHistory(list, entries, onPick) {
  list.replaceChildren();
  if (entries.length === 0) {
    const empty = document.createElement("li");
    empty.className = "muted";
    empty.textContent = "No queries run yet.";
    list.append(empty);
    return;
  }
  for (const entry of entries) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "history-entry";
    const label = document.createElement("span");
    label.textContent = labelFor(entry.query);
    const time = document.createElement("time");
    time.dateTime = new Date(entry.at).toISOString();
    time.textContent = new Date(entry.at).toLocaleString();
    button.append(label, time);
    button.title = entry.query;
    button.addEventListener("click", () => onPick(entry));
    item.append(button);
    list.append(item);
  }
}
