// Subscriptions from the browser: one WebSocket per run speaking the
// graphql-transport-ws protocol (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md),
// the API key sent in connection_init's payload (browsers cannot set headers
// on a WebSocket).

export const SUBPROTOCOL = "graphql-transport-ws";

/** The ws:// or wss:// URL of an endpoint given as a path or an http(s) URL. */
export function webSocketURL(endpoint, location = window.location) {
  const url = new URL(endpoint, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

/** Comments and strings blanked out, so keywords inside them are not taken for operations. */
function codeOnly(text) {
  return text.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (m) => " ".repeat(m.length));
}

/**
 * Whether the operation that would run (the one named `operationName`, else
 * the document's first) is a subscription.
 */
export function isSubscription(text, operationName) {
  const code = codeOnly(text);
  if (operationName) {
    const named = new RegExp(`\\b(query|mutation|subscription)\\s+${operationName}\\b`).exec(code);
    return named !== null && named[1] === "subscription";
  }
  const first = /(?:^|[^\w$])(query|mutation|subscription)\b|^\s*\{/m.exec(code);
  return first !== null && first[1] === "subscription";
}

/**
 * Subscribes and reports through the callbacks: `onEvent(payload)` for each
 * `next`, `onEnd(problem)` once (problem is null after a `complete`, else a
 * sentence: the operation's errors, or why the socket closed). Returns a
 * function that stops the subscription.
 */
export function subscribe(endpoint, { query, variables, operationName }, headers, { onOpen, onEvent, onEnd }) {
  const socket = new WebSocket(webSocketURL(endpoint), SUBPROTOCOL);
  let ended = false;
  const end = (problem) => {
    if (ended) return;
    ended = true;
    onEnd(problem);
    if (socket.readyState <= WebSocket.OPEN) socket.close(1000, "Normal Closure");
  };
  socket.addEventListener("open", () => {
    socket.send(JSON.stringify({ type: "connection_init", payload: headers }));
  });
  socket.addEventListener("message", (message) => {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      end("The server sent a message that is not JSON.");
      return;
    }
    switch (data.type) {
      case "connection_ack": {
        const payload = { query };
        if (variables && Object.keys(variables).length > 0) payload.variables = variables;
        if (operationName) payload.operationName = operationName;
        socket.send(JSON.stringify({ type: "subscribe", id: "1", payload }));
        onOpen();
        break;
      }
      case "ping":
        socket.send(JSON.stringify({ type: "pong" }));
        break;
      case "next":
        onEvent(data.payload);
        break;
      case "error":
        end((data.payload || []).map((e) => e.message).join("; ") || "The subscription was refused.");
        break;
      case "complete":
        end(null);
        break;
    }
  });
  socket.addEventListener("close", (event) => {
    end(event.code === 1000 ? null : `The connection closed: ${event.code} ${event.reason || ""}`.trim());
  });
  socket.addEventListener("error", () => end("Could not open a WebSocket to the endpoint."));
  return () => {
    if (!ended && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "complete", id: "1" }));
    end(null);
  };
}
