// The station view's command forms: each sends one mutation and shows the station's
// answer (or OFFLINE / TIMEOUT / the GraphQL error) beside its button.

import { h } from "../dom.js";
import { CHANGE_AVAILABILITY, CLEAR_CACHE, REMOTE_START, REMOTE_STOP, RESET, SET_VARIABLE,
  TRIGGER, UNLOCK } from "../queries.js";

const TOKEN_KINDS = ["Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local",
  "MacAddress", "NoAuthorization"];
const TRIGGERS = ["BootNotification", "Heartbeat", "StatusNotification", "MeterValues",
  "TransactionEvent", "FirmwareStatusNotification", "LogStatusNotification"];

function field(label, input) {
  return h("label", {}, h("span", {}, label), input);
}

function select(name, options, value = options[0]) {
  return h("select", { name }, ...options.map((o) => h("option", { value: o, selected: o === value }, o)));
}

function optionalInt(value) {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number.parseInt(text, 10);
}

/** Words that say how a command ended. */
export function describe(result) {
  if (!result) return "no answer";
  if (result.outcome === "RESULT") {
    const parts = [result.status ?? "answered"];
    const info = result.statusInfo ?? (result.reasonCode ? { reasonCode: result.reasonCode } : null);
    if (info?.reasonCode) parts.push(`(${info.reasonCode})`);
    if (result.transactionId) parts.push(`transaction ${result.transactionId}`);
    if (result.results) {
      parts.push(result.results.map((r) => `${r.component}.${r.variable}: ${r.attributeStatus}`).join(", "));
      if (result.rebootRequired) parts.push("reboot required");
    }
    return parts.join(" ");
  }
  if (result.outcome === "CALL_ERROR") {
    return `CALL_ERROR ${result.errorCode ?? ""} ${result.errorDescription ?? ""}`.trim();
  }
  return result.outcome;
}

const COMMANDS = [
  {
    name: "reset",
    label: "Reset",
    fields: () => [field("Type", select("type", ["OnIdle", "Immediate"]))],
    run: (api, id, f) => api.request(RESET, { stationId: id, type: f.type.value }),
  },
  {
    name: "availability",
    label: "Change availability",
    fields: () => [
      field("Status", select("status", ["Inoperative", "Operative"])),
      field("EVSE (blank: station)", h("input", { name: "evse", inputmode: "numeric", size: 4 })),
    ],
    run: (api, id, f) => api.request(CHANGE_AVAILABILITY, {
      stationId: id, status: f.status.value, evseId: optionalInt(f.evse.value),
    }),
  },
  {
    name: "remote-start",
    label: "Remote start",
    fields: () => [
      field("Id token", h("input", { name: "idToken", required: true, value: "OPERATOR" })),
      field("Type", select("idTokenType", TOKEN_KINDS, "Central")),
      field("EVSE", h("input", { name: "evse", inputmode: "numeric", size: 4, value: "1" })),
    ],
    run: (api, id, f) => api.request(REMOTE_START, {
      stationId: id, idToken: f.idToken.value, idTokenType: f.idTokenType.value,
      evseId: optionalInt(f.evse.value),
    }),
  },
  {
    name: "remote-stop",
    label: "Remote stop",
    fields: (context) => [
      field("Transaction", h("input", { name: "transactionId", required: true,
        value: context.activeTransactionId() ?? "" })),
    ],
    run: (api, id, f) => api.request(REMOTE_STOP, { stationId: id, transactionId: f.transactionId.value }),
  },
  {
    name: "unlock",
    label: "Unlock connector",
    fields: () => [
      field("EVSE", h("input", { name: "evse", inputmode: "numeric", size: 4, value: "1", required: true })),
      field("Connector", h("input", { name: "connector", inputmode: "numeric", size: 4, value: "1",
        required: true })),
    ],
    run: (api, id, f) => api.request(UNLOCK, {
      stationId: id, evseId: optionalInt(f.evse.value), connectorId: optionalInt(f.connector.value),
    }),
  },
  {
    name: "trigger",
    label: "Trigger message",
    fields: () => [
      field("Message", select("message", TRIGGERS)),
      field("EVSE (optional)", h("input", { name: "evse", inputmode: "numeric", size: 4 })),
    ],
    run: (api, id, f) => api.request(TRIGGER, {
      stationId: id, message: f.message.value, evseId: optionalInt(f.evse.value),
    }),
  },
  {
    name: "set-variable",
    label: "Set variable",
    fields: () => [
      field("Component", h("input", { name: "component", required: true })),
      field("Variable", h("input", { name: "variable", required: true })),
      field("Value", h("input", { name: "value", required: true })),
    ],
    run: (api, id, f) => api.request(SET_VARIABLE, {
      stationId: id,
      items: [{ component: f.component.value, variable: f.variable.value, value: f.value.value }],
    }),
  },
  {
    name: "clear-cache",
    label: "Clear cache",
    fields: () => [],
    run: (api, id) => api.request(CLEAR_CACHE, { stationId: id }),
  },
];

/** The command section of a station; `context.activeTransactionId()` fills remote stop. */
export function commandPanel(api, stationId, context) {
  const forms = COMMANDS.map((command) => {
    const answer = h("output", { class: "answer", "data-answer": command.name, "aria-live": "polite" });
    const button = h("button", { type: "submit" }, command.label);
    const form = h("form", { class: "command", "data-command": command.name,
      "aria-label": command.label }, ...command.fields(context), button, answer);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      answer.className = "answer pending";
      answer.textContent = "sent, waiting for the station…";
      try {
        const data = await command.run(api, stationId, form.elements);
        const result = Object.values(data)[0];
        answer.textContent = describe(result);
        answer.className = `answer outcome-${String(result?.outcome).toLowerCase()}`;
      } catch (error) {
        answer.textContent = `refused: ${error.message}`;
        answer.className = "answer outcome-error";
      } finally {
        button.disabled = false;
      }
    });
    return form;
  });
  return h("section", { class: "panel commands", "aria-labelledby": "commands-title" },
    h("h2", { id: "commands-title" }, "Commands"), ...forms);
}
