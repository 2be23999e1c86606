// The transactions view: a filtered list (station, active, start-time range, id token),
// read again when transactions start, change or end while the first page is shown, and, for
// one chosen session, its energy curve and its events.

import { TransactionChart } from "../chart.js";
import { energy, fill, h, when } from "../dom.js";
import { TRANSACTION_DETAIL, TRANSACTION_EVENTS, TRANSACTIONS } from "../queries.js";

function input(id, label, attributes = {}) {
  const element = h("input", { id, name: id, ...attributes });
  return [h("label", { for: id }, label), element];
}

function isoOrNull(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Shows the transactions view; `argument` "station/transactionId" opens one session. */
export function transactionsView(container, { api }, argument) {
  const [chosenStation, chosenTransaction] = argument ? argument.split("/") : [null, null];
  const form = h("form", { class: "toolbar filters", "aria-label": "Filter transactions" },
    ...input("tx-station", "Station", { type: "search", value: chosenStation ?? "" }),
    ...input("tx-token", "Id token", { type: "search" }),
    h("label", { for: "tx-active" }, "State"),
    h("select", { id: "tx-active", name: "tx-active" },
      h("option", { value: "" }, "any"), h("option", { value: "true" }, "active"),
      h("option", { value: "false" }, "ended")),
    ...input("tx-from", "Started from", { type: "datetime-local" }),
    ...input("tx-to", "until", { type: "datetime-local" }),
    h("button", { type: "submit" }, "Show"));
  const list = h("div", { id: "transactions" });
  const more = h("button", { type: "button", hidden: true }, "More");
  const session = h("div", { id: "session" });
  container.append(h("h1", {}, "Transactions"), form, list, more, session);

  let rows = [];
  let cursor = null;
  let chart = null;

  function variables() {
    const f = form.elements;
    return {
      stationId: f["tx-station"].value.trim() || null,
      idToken: f["tx-token"].value.trim() || null,
      active: f["tx-active"].value === "" ? null : f["tx-active"].value === "true",
      startedAfter: isoOrNull(f["tx-from"].value),
      startedBefore: isoOrNull(f["tx-to"].value),
    };
  }

  function draw() {
    if (!rows.length) {
      fill(list, h("p", { class: "muted" }, "No transaction matches."));
      return;
    }
    fill(list, h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["Transaction", "Station", "EVSE", "Id token", "State", "Started",
        "Ended", "Energy"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((t) => h("tr", { "data-transaction": t.transactionId },
        h("td", {}, h("a", { href: `#/transactions/${encodeURIComponent(t.stationId)}/${
          encodeURIComponent(t.transactionId)}` }, t.transactionId)),
        h("td", {}, h("a", { href: `#/station/${encodeURIComponent(t.stationId)}` }, t.stationId)),
        h("td", {}, t.evseId ?? "—"), h("td", {}, t.idToken ?? "—"),
        h("td", {}, t.active ? t.chargingState ?? "active"
          : `ended${t.stoppedReason ? ` (${t.stoppedReason})` : ""}`),
        h("td", {}, when(t.startedAt)), h("td", {}, when(t.endedAt)),
        h("td", {}, energy(t.energyWh))))))));
  }

  async function load(reset) {
    if (reset) {
      rows = [];
      cursor = null;
    }
    try {
      const { transactions } = await api.request(TRANSACTIONS, { ...variables(), after: cursor });
      rows.push(...transactions);
      cursor = transactions.length ? transactions[transactions.length - 1].cursor : cursor;
      more.hidden = transactions.length < 100;
      draw();
    } catch (error) {
      fill(list, h("p", { class: "error", role: "alert" }, error.message));
    }
  }

  async function openSession(stationId, transactionId) {
    chart?.destroy();
    chart = null;
    const { transaction: t } = await api.request(TRANSACTION_DETAIL, { stationId, transactionId });
    if (!t) {
      fill(session, h("p", { class: "error" }, `No transaction ${transactionId} at ${stationId}.`));
      return;
    }
    const chartBox = h("div", { class: "chart", id: "session-chart" });
    fill(session, h("section", { class: "panel", "aria-labelledby": "session-title" },
      h("h2", { id: "session-title" }, `Session ${t.transactionId} at ${t.stationId}`),
      h("p", {}, `${when(t.startedAt)} – ${when(t.endedAt)}, ${energy(t.energyWh)}, token ${
        t.idToken ?? "—"}${t.stoppedReason ? `, stopped: ${t.stoppedReason}` : ""}`),
      chartBox,
      h("h3", {}, "Events"),
      h("div", { class: "table-wrap" }, h("table", { id: "session-events" },
        h("thead", {}, h("tr", {}, ...["Seq", "Event", "Trigger", "When", "Charging", "Offline"].map((x) =>
          h("th", { scope: "col" }, x)))),
        h("tbody", {}, ...t.events.map((e) => h("tr", {}, h("td", {}, e.seqNo), h("td", {}, e.eventType),
          h("td", {}, e.triggerReason), h("td", {}, when(e.timestamp)), h("td", {}, e.chargingState ?? "—"),
          h("td", {}, e.offline ? "yes" : "no"))))))));
    chart = new TransactionChart(chartBox, Math.max(280, chartBox.clientWidth || 600));
    chart.add(t.meterSamples);
  }

  let refresh = null;
  const stop = api.subscribe(TRANSACTION_EVENTS, {}, () => {
    if (rows.length > 100) return; // the operator is paging back: leave the list alone
    clearTimeout(refresh);
    refresh = setTimeout(() => load(true), 500);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(true);
  });
  more.addEventListener("click", () => load(false));
  load(true);
  if (chosenStation && chosenTransaction) {
    openSession(chosenStation, chosenTransaction).catch((e) =>
      fill(session, h("p", { class: "error" }, e.message)));
  }
  return {
    refresh() {
      if (rows.length <= 100) load(true);
    },
    destroy() {
      stop();
      clearTimeout(refresh);
      chart?.destroy();
    },
  };
}
