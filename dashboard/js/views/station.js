// The station view: its EVSEs and connectors (live), the active transaction with its power
// and energy chart, commands, recent OCPP messages, device model, security events, alerts
// and boot history.

import { TransactionChart } from "../chart.js";
import { ago, energy, fill, frameBatcher, h, statusClass, when } from "../dom.js";
import { DEVICE_MODEL, METER_VALUES, OCPP_MESSAGES, STATION_DETAIL, STATION_EVENTS,
  TRANSACTION_DETAIL, TRANSACTION_EVENTS } from "../queries.js";
import { setConnectorStatus } from "../store.js";
import { commandPanel } from "./commands.js";

function section(title, id, ...content) {
  return h("section", { class: "panel", "aria-labelledby": id, id: `${id}-panel` },
    h("h2", { id }, title), ...content);
}

function table(headers, rows, empty = "none") {
  if (!rows.length) return h("p", { class: "muted" }, empty);
  return h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ...headers.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((c) => h("td", {}, c ?? "—")))))));
}

function messageItem(message) {
  const arrow = message.direction === "IN" ? "station → CSMS" : "CSMS → station";
  const kind = { 2: "CALL", 3: "RESULT", 4: "ERROR" }[message.messageType] ?? "?";
  return h("details", { class: "message", "data-action": message.action ?? "" },
    h("summary", {}, h("time", {}, when(message.timestamp)), " ", h("span", { class: "muted" }, arrow),
      " ", h("strong", {}, message.action ?? "—"), " ", kind),
    h("pre", {}, JSON.stringify(message.payload, null, 2)));
}

/** Shows one station in `container`; returns its handle ({ destroy }). */
export function stationView(container, { api, canCommand }, stationId) {
  let detail = null;
  let activeTransaction = null;
  let chart = null;
  let variables = [];
  const stops = [];

  const heading = h("h1", {}, `Station ${stationId}`);
  const facts = h("dl", { class: "facts" });
  const evses = h("div", { class: "evses", id: "evses" });
  const transactionBox = h("div", { id: "active-transaction" });
  const messages = h("div", { class: "messages", id: "messages" });
  const modelSearch = h("input", { type: "search", id: "device-model-search",
    placeholder: "component or variable", "aria-label": "Search the device model" });
  const modelTable = h("div", {});
  const security = h("div", {});
  const alerts = h("div", {});
  const boots = h("div", {});

  container.append(
    h("p", {}, h("a", { href: "#/fleet" }, "← Fleet")),
    heading,
    facts,
    h("div", { class: "grid" },
      section("EVSEs and connectors", "evses-title", evses),
      section("Active transaction", "transaction-title", transactionBox)),
    canCommand ? commandPanel(api, stationId, { activeTransactionId: () => activeTransaction?.transactionId })
      : null,
    section("Recent OCPP messages", "messages-title", messages),
    section("Device model", "model-title", modelSearch, modelTable),
    h("div", { class: "grid" },
      section("Security events", "security-title", security),
      section("Alerts", "alerts-title", alerts)),
    section("Boot history", "boots-title", boots),
  );

  function drawStation() {
    const s = detail.station;
    if (!s) {
      fill(facts, h("p", { class: "error" }, "No such station."));
      return;
    }
    const fact = (k, v) => [h("dt", {}, k), h("dd", {}, v ?? "—")];
    fill(facts,
      fact("State", h("span", { "data-online": String(s.online) },
        h("span", { class: s.online ? "dot online" : "dot offline", "aria-hidden": "true" }),
        s.online ? "online" : "offline")),
      fact("Registration", s.registrationStatus),
      fact("Vendor / model", `${s.vendorName ?? "—"} / ${s.model ?? "—"}`),
      fact("Serial", s.serialNumber),
      fact("Firmware", s.firmwareVersion),
      fact("Security profile", String(s.securityProfile)),
      fact("Last seen", `${when(s.lastSeenAt)} (${ago(s.lastSeenAt)})`),
      fact("Last boot", `${when(s.lastBootAt)} ${s.lastBootReason ?? ""}`));
    fill(evses, s.evses.length ? s.evses.map((evse) =>
      h("div", { class: "evse" }, h("h3", {}, `EVSE ${evse.id}`),
        ...evse.connectors.map((c) => h("div", { class: "connector" },
          h("span", { class: statusClass(c.status), "data-connector": `${evse.id}/${c.id}`,
            "data-status": c.status }, `Connector ${c.id}: ${c.status}`),
          h("span", { class: "muted" }, ` since ${when(c.reportedAt)}`)))))
      : h("p", { class: "muted" }, "No connector has reported a status yet."));
  }
  const redrawStation = frameBatcher(() => detail && drawStation());

  async function showTransaction(transaction) {
    chart?.destroy();
    chart = null;
    activeTransaction = transaction;
    const stopField = container.querySelector('form[data-command="remote-stop"] [name="transactionId"]');
    if (stopField) stopField.value = transaction?.transactionId ?? "";
    if (!transaction) {
      fill(transactionBox, h("p", { class: "muted" }, "No transaction is running."));
      return;
    }
    const summary = h("p", { class: "transaction-summary" });
    const chartBox = h("div", { class: "chart", id: "transaction-chart" });
    fill(transactionBox, summary, chartBox,
      h("p", {}, h("a", { href: `#/transactions/${encodeURIComponent(stationId)}/${
        encodeURIComponent(transaction.transactionId)}` }, "Session details")));
    const drawSummary = () => fill(summary,
      h("strong", { "data-transaction": activeTransaction.transactionId },
        `Transaction ${activeTransaction.transactionId}`),
      ` on EVSE ${activeTransaction.evseId ?? "—"}, ${activeTransaction.chargingState ?? "—"}, `,
      `${energy(activeTransaction.energyWh)}, token ${activeTransaction.idToken ?? "—"}`);
    drawSummary();
    activeTransaction.redraw = drawSummary;
    chart = new TransactionChart(chartBox, Math.max(280, chartBox.clientWidth || 600));
    const { transaction: full } = await api.request(TRANSACTION_DETAIL,
      { stationId, transactionId: transaction.transactionId });
    if (full && chart && activeTransaction?.transactionId === full.transactionId) {
      chart.add(full.meterSamples);
    }
  }

  async function loadMessages() {
    const { ocppMessages } = await api.request(OCPP_MESSAGES, { stationId });
    fill(messages, ocppMessages.length ? [...ocppMessages].reverse().map(messageItem)
      : h("p", { class: "muted" }, "No messages."));
  }
  let messageTimer = null;
  const refreshMessages = () => {
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => loadMessages().catch(console.error), 300);
  };

  function drawModel() {
    const needle = modelSearch.value.trim().toLowerCase();
    const rows = variables.filter((v) => !needle ||
      `${v.component} ${v.componentInstance ?? ""} ${v.variable} ${v.variableInstance ?? ""}`
        .toLowerCase().includes(needle)).slice(0, 500);
    fill(modelTable, table(["Component", "EVSE", "Variable", "Attribute", "Value", "Mutability"],
      rows.map((v) => [
        v.componentInstance ? `${v.component} (${v.componentInstance})` : v.component,
        v.evseId === null ? "" : `${v.evseId}${v.connectorId === null ? "" : `/${v.connectorId}`}`,
        v.variableInstance ? `${v.variable} (${v.variableInstance})` : v.variable,
        v.attributeType, v.value, v.mutability]),
      variables.length ? "No variable matches." : "No device model reported yet."));
  }
  modelSearch.addEventListener("input", frameBatcher(drawModel));

  async function loadModel() {
    const rows = [];
    let after = null;
    for (let page = 0; page < 20; page += 1) {
      const { variables: batch } = await api.request(DEVICE_MODEL, { stationId, after });
      rows.push(...batch);
      if (batch.length < 1000) break;
      after = batch[batch.length - 1].cursor;
    }
    variables = rows;
    drawModel();
  }

  function drawLists() {
    fill(security, table(["When", "Type", "Details"],
      detail.securityEvents.map((e) => [when(e.timestamp), e.type, e.techInfo])));
    fill(alerts, table(["When", "Component", "Variable", "Value", "Trigger", "Cleared"],
      detail.stationAlerts.map((a) => [when(a.timestamp), a.component, a.variable, a.actualValue,
        a.trigger, a.cleared === null ? "—" : String(a.cleared)])));
    fill(boots, table(["When", "Reason", "Status", "Firmware", "Interval"],
      detail.bootHistory.map((b) => [when(b.bootedAt), b.reason, b.status, b.firmwareVersion,
        `${b.interval} s`])));
  }

  async function load() {
    detail = await api.request(STATION_DETAIL, { id: stationId });
    for (const event of early.splice(0)) applyStationEvent(event);
    drawStation();
    drawLists();
    const running = detail.transactions[0] ?? null;
    if (running?.transactionId !== activeTransaction?.transactionId || !chart) {
      await showTransaction(running);
    }
  }

  let listsTimer = null;
  const early = []; // events that came before the station was first read
  function onStationEvent({ stationEvents: event }) {
    refreshMessages();
    if (!detail) {
      if (early.length < 1000) early.push(event);
      return;
    }
    applyStationEvent(event);
  }

  function applyStationEvent(event) {
    if (!detail.station) return;
    const s = detail.station;
    const payload = event.payload ?? {};
    s.lastSeenAt = event.occurredAt;
    if (event.type === "CONNECTED") s.online = true;
    if (event.type === "DISCONNECTED") s.online = false;
    if (event.type === "STATUS_CHANGED") {
      setConnectorStatus(s, payload.evseId, payload.connectorId, payload.status,
        payload.timestamp ?? event.occurredAt);
    }
    if (["BOOT", "SECURITY_EVENT", "ALERT"].includes(event.type)) {
      clearTimeout(listsTimer);
      listsTimer = setTimeout(() => load().catch(console.error), 300);
    }
    if (event.type === "REPORT_COMPLETED") loadModel().catch(console.error);
    redrawStation();
  }

  function onTransactionEvent({ transactionEvents: event }) {
    if (event.active === false) {
      if (activeTransaction?.transactionId === event.transactionId) showTransaction(null);
      return;
    }
    if (activeTransaction?.transactionId === event.transactionId) {
      Object.assign(activeTransaction, event);
      activeTransaction.redraw?.();
    } else if (event.type === "TRANSACTION_STARTED" || !activeTransaction) {
      showTransaction({ ...event }).catch(console.error);
    }
  }

  function onMeterValues({ meterValues: event }) {
    if (chart && event.transactionId && event.transactionId === activeTransaction?.transactionId) {
      chart.add(event.samples, event.occurredAt);
    }
  }

  stops.push(
    api.subscribe(STATION_EVENTS, { stationId }, onStationEvent),
    api.subscribe(TRANSACTION_EVENTS, { stationId }, onTransactionEvent),
    api.subscribe(METER_VALUES, { stationId }, onMeterValues),
  );
  load().catch((error) => fill(facts, h("p", { class: "error" }, error.message)));
  loadMessages().catch(console.error);
  loadModel().catch(console.error);

  return {
    refresh() {
      load().catch(console.error);
      loadMessages().catch(console.error);
    },
    destroy() {
      for (const stop of stops) stop();
      clearTimeout(messageTimer);
      clearTimeout(listsTimer);
      chart?.destroy();
    },
  };
}
