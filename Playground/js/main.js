// Wires the playground together: the editor and panes, Run (button and
// Ctrl/Cmd-Enter), the response, the explorer, the history, and what is kept
// in localStorage between visits (headers, and the last query and variables).

import { createEditor } from "./editor.js";
import { createExplorer, INTROSPECTION_QUERY } from "./explorer.js";
import { addToHistory, clearHistory, loadHistory, renderHistory } from "./history.js";
import { headersFrom, parseObjectPane, postGraphQL, resolveEndpoint } from "./transport.js";
import { showEvents, showPending, showProblem, showResult } from "./response.js";
import { isSubscription, subscribe } from "./subscriptions.js";

const STORE = {
  headers: "supportcarr.playground.headers",
  query: "supportcarr.playground.query",
  variables: "supportcarr.playground.variables",
};

const EXAMPLE_QUERY = `# SupportCarr playground. Put your API key in Headers:
#   {"Authorization": "Bearer sk_..."}
# then Run (Ctrl/Cmd-Enter). Schema lists every type.

query NearbyDrivers($near: GeoPointInput!, $radius: Int = 5000) {
  me {
    id
    role
  }
  nearbyDrivers(near: $near, maxDistanceMeters: $radius, first: 5) {
    distanceMeters
    driver {
      id
      status
      rating
      isAvailable
      location {
        lng
        lat
      }
    }
  }
}
`;

const EXAMPLE_VARIABLES = `{
  "near": { "lng": -122.4194, "lat": 37.7749 },
  "radius": 5000
}`;

const EXAMPLE_HEADERS = `{
  "Authorization": "Bearer "
}`;

const $ = (id) => document.getElementById(id);

function stored(key, fallback) {
  try {
    const value = window.localStorage.getItem(key);
    return value === null ? fallback : value;
  } catch {
    return fallback;
  }
}

function store(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or full storage: the page still works, it just forgets.
  }
}

/** The operation to run when the document has several: the one the caret is in. */
function operationAtCaret(text, caret) {
  const re = /\b(query|mutation|subscription)\s+([A-Za-z_]\w*)/g;
  const found = [];
  for (let m; (m = re.exec(text)); ) found.push({ at: m.index, name: m[2] });
  if (found.length < 2) return undefined;
  let chosen = found[0];
  for (const op of found) if (op.at <= caret) chosen = op;
  return chosen.name;
}

/** Marks a JSON pane invalid (aria-invalid and a message under it) or clears it. */
function validatePane(textarea, messageElement, paneName) {
  try {
    parseObjectPane(textarea.value, paneName);
    textarea.removeAttribute("aria-invalid");
    messageElement.textContent = "";
    return true;
  } catch (error) {
    textarea.setAttribute("aria-invalid", "true");
    messageElement.textContent = error.message;
    return false;
  }
}

function main() {
  const endpoint = resolveEndpoint();
  $("endpoint").textContent = endpoint;

  const queryArea = $("query");
  const variablesArea = $("variables");
  const headersArea = $("headers");
  const view = { status: $("response-status"), errors: $("response-errors"), body: $("response") };

  queryArea.value = stored(STORE.query, EXAMPLE_QUERY);
  variablesArea.value = stored(STORE.variables, EXAMPLE_VARIABLES);
  headersArea.value = stored(STORE.headers, EXAMPLE_HEADERS);

  const editor = createEditor(queryArea, $("query-highlight"), {
    onChange: (text) => store(STORE.query, text),
  });

  variablesArea.addEventListener("input", () => {
    store(STORE.variables, variablesArea.value);
    validatePane(variablesArea, $("variables-message"), "Variables");
  });
  headersArea.addEventListener("input", () => {
    store(STORE.headers, headersArea.value);
    validatePane(headersArea, $("headers-message"), "Headers");
  });

  const historyList = $("history");
  const pickHistory = (entry) => {
    editor.setValue(entry.query);
    variablesArea.value = entry.variables || "";
    store(STORE.variables, variablesArea.value);
    validatePane(variablesArea, $("variables-message"), "Variables");
    editor.focus();
  };
  renderHistory(historyList, loadHistory(), pickHistory);
  $("history-clear").addEventListener("click", () => renderHistory(historyList, clearHistory(), pickHistory));

  function currentHeaders() {
    return headersFrom(parseObjectPane(headersArea.value, "Headers"));
  }

  let running = false;
  // The running subscription's stop function, while one runs: Run becomes Stop.
  let stopSubscription = null;
  const runLabel = $("run").innerHTML;

  function startSubscription(query, variables, headers, operationName) {
    const events = [];
    $("run").textContent = "■ Stop";
    $("run").dataset.subscription = "live";
    showEvents(view, events, "live");
    stopSubscription = subscribe(endpoint, { query, variables, operationName }, headers, {
      onOpen: () => showEvents(view, events, "live"),
      onEvent: (payload) => {
        events.push(payload);
        showEvents(view, events, "live");
      },
      onEnd: (problem) => {
        stopSubscription = null;
        $("run").innerHTML = runLabel;
        delete $("run").dataset.subscription;
        if (problem) showProblem(view, problem);
        else showEvents(view, events, "ended");
      },
    });
  }

  async function run() {
    if (stopSubscription) {
      stopSubscription();
      return;
    }
    if (running) return;
    let variables;
    let headers;
    try {
      variables = parseObjectPane(variablesArea.value, "Variables");
      headers = currentHeaders();
    } catch (error) {
      validatePane(variablesArea, $("variables-message"), "Variables");
      validatePane(headersArea, $("headers-message"), "Headers");
      showProblem(view, error.message);
      return;
    }
    if (editor.value.trim() === "") {
      showProblem(view, "The query is empty.");
      return;
    }
    const operationName = operationAtCaret(editor.value, queryArea.selectionStart);
    if (isSubscription(editor.value, operationName)) {
      renderHistory(historyList, addToHistory({ query: editor.value, variables: variablesArea.value, at: Date.now() }), pickHistory);
      startSubscription(editor.value, variables, headers, operationName);
      return;
    }
    running = true;
    $("run").disabled = true;
    showPending(view);
    try {
      const result = await postGraphQL(endpoint, { query: editor.value, variables, operationName }, headers);
      showResult(view, result);
      renderHistory(historyList, addToHistory({ query: editor.value, variables: variablesArea.value, at: Date.now() }), pickHistory);
    } catch (error) {
      showProblem(view, `Could not reach ${endpoint}: ${error.message}`);
    } finally {
      running = false;
      $("run").disabled = false;
    }
  }

  $("run").addEventListener("click", run);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });

  const explorer = createExplorer($("explorer"), $("explorer-search"));
  let schemaLoads = 0; // only the latest load may render, when loads overlap
  async function loadSchema() {
    const load = ++schemaLoads;
    let headers;
    try {
      headers = currentHeaders();
    } catch (error) {
      explorer.message(error.message, true);
      return;
    }
    explorer.message("Loading the schema…");
    try {
      const result = await postGraphQL(endpoint, { query: INTROSPECTION_QUERY }, headers);
      if (load !== schemaLoads) return;
      const schema = result.json && result.json.data && result.json.data.__schema;
      if (schema) explorer.load(schema);
      else {
        const why = result.json && result.json.errors ? result.json.errors.map((e) => e.message).join("; ") : `HTTP ${result.status}`;
        const hint = result.status === 401 || result.status === 403 ? " Put your API key in Headers; the schema reloads when you leave that pane." : "";
        explorer.message(`The schema could not be loaded: ${why}${hint}`, true);
      }
    } catch (error) {
      if (load === schemaLoads) explorer.message(`Could not reach ${endpoint}: ${error.message}`, true);
    }
  }
  $("explorer-reload").addEventListener("click", loadSchema);
  // New headers (usually a new key) may see a different schema: load it again.
  headersArea.addEventListener("change", () => {
    if (validatePane(headersArea, $("headers-message"), "Headers")) loadSchema();
  });
  loadSchema();

  setupTabs("editor-tabs");
  setupTabs("side-tabs");
}

/** Tabs per the ARIA Authoring Practices tabs pattern: arrows move, Enter/click selects. */
function setupTabs(listId) {
  const list = $(listId);
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, k) => {
    tab.addEventListener("click", () => selectTab(listId, tab.id));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(k + step + tabs.length) % tabs.length];
      next.focus();
      selectTab(listId, next.id);
    });
  });
}

function selectTab(listId, tabId) {
  for (const tab of $(listId).querySelectorAll('[role="tab"]')) {
    const selected = tab.id === tabId;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !selected;
  }
}

main();
