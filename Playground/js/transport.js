// Talking to the gateway: where the endpoint is, and one POST per run following
// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/).

export const ACCEPT = "application/graphql-response+json, application/json";

/**
 * The GraphQL endpoint: `?endpoint=` in the page's URL wins, then the
 * `data-endpoint` attribute on <body>, then `/graphql`.
 */
export function resolveEndpoint(location = window.location, body = document.body) {
  const fromQuery = new URLSearchParams(location.search).get("endpoint");
  return fromQuery || body.dataset.endpoint || "/graphql";
}

/**
 * Parses a JSON pane's text into an object. Empty text means `{}`. Throws an
 * Error naming the pane when the text is not JSON or not an object.
 */
export function parseObjectPane(text, paneName) {
  if (text.trim() === "") return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${paneName} are not valid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${paneName} must be a JSON object, like {"name": "value"}.`);
  }
  return value;
}

/** Headers must map names to strings; numbers and booleans are turned into text. */
export function headersFrom(object) {
  const headers = {};
  for (const [name, value] of Object.entries(object)) {
    if (value === null || typeof value === "object") {
      throw new Error(`Header "${name}" must be a string.`);
    }
    headers[name] = String(value);
  }
  return headers;
}

/**
 * POSTs `{ query, variables, operationName }` and resolves to
 * `{ status, statusText, ms, body, json }` (`json` is undefined when the body is
 * not JSON). Network failures reject with the browser's error.
 */
export async function postGraphQL(endpoint, { query, variables, operationName }, headers) {
  const payload = { query };
  if (variables && Object.keys(variables).length > 0) payload.variables = variables;
  if (operationName) payload.operationName = operationName;
  const started = performance.now();
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json", Accept: ACCEPT },
    body: JSON.stringify(payload),
  });
  const body = await response.text();
  const ms = Math.round(performance.now() - started);
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: response.status, statusText: response.statusText, ms, body, json };
}
