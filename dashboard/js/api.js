// The dashboard's only way to the CSMS: GraphQL over fetch (queries, mutations) and one
// graphql-transport-ws socket (subscriptions), both with the operator's bearer token.

export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join("; "));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? null;
  }
}

export class Api {
  constructor(token, base = "") {
    this.token = token;
    this.httpUrl = `${base}/graphql`;
    this.socket = null;
    this.subscriptions = new Map();
    this.nextId = 1;
    this.retry = 0;
    this.closed = false;
    this.onConnectionChange = () => {};
  }

  /** Runs a query or mutation; resolves to its data, rejects with a GraphQLError. */
  async request(query, variables = {}) {
    const response = await fetch(this.httpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQLError([{ message: `HTTP ${response.status}` }]);
    }
    if (body.errors?.length) throw new GraphQLError(body.errors);
    return body.data;
  }

  /** Starts a subscription; `onData` gets each item's data. Returns a function that stops it. */
  subscribe(query, variables, onData) {
    const id = String(this.nextId++);
    this.subscriptions.set(id, { query, variables, onData });
    this.#ensureSocket();
    if (this.socket?.readyState === WebSocket.OPEN && this.socket.acknowledged) {
      this.#start(id);
    }
    return () => {
      this.subscriptions.delete(id);
      if (this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify({ id, type: "complete" }));
      }
    };
  }

  /** Closes the socket for good (signing out). */
  close() {
    this.closed = true;
    this.subscriptions.clear();
    this.socket?.close(1000);
  }

  #ensureSocket() {
    if (this.socket || this.closed) return;
    const url = new URL(this.httpUrl, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url, "graphql-transport-ws");
    this.socket = socket;
    socket.acknowledged = false;
    socket.addEventListener("open", () => {
      socket.send(
        JSON.stringify({
          type: "connection_init",
          payload: { Authorization: `Bearer ${this.token}` },
        }),
      );
    });
    socket.addEventListener("message", (event) => this.#receive(socket, JSON.parse(event.data)));
    socket.addEventListener("close", () => {
      if (this.socket === socket) this.socket = null;
      this.onConnectionChange(false);
      if (this.closed || this.subscriptions.size === 0) return;
      const delay = Math.min(30000, 500 * 2 ** this.retry++);
      setTimeout(() => this.#ensureSocket(), delay);
    });
  }

  #receive(socket, message) {
    switch (message.type) {
      case "connection_ack":
        socket.acknowledged = true;
        this.retry = 0;
        this.onConnectionChange(true);
        for (const id of this.subscriptions.keys()) this.#start(id);
        break;
      case "ping":
        socket.send(JSON.stringify({ type: "pong" }));
        break;
      case "next": {
        const subscription = this.subscriptions.get(message.id);
        if (subscription && message.payload?.data) subscription.onData(message.payload.data);
        break;
      }
      case "error":
        console.error("subscription error", message.id, message.payload);
        break;
      default:
        break;
    }
  }

  #start(id) {
    const { query, variables } = this.subscriptions.get(id);
    this.socket.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
  }
}
