// The fleet view: counts, filters and the station list, virtualised (only the rows in
// sight are in the DOM) and redrawn at most once per animation frame from the store.

import { ago, fill, h, power, statusClass } from "../dom.js";

const ROW_HEIGHT = 44;
const OVERSCAN = 8;

function matches(station, filters) {
  if (filters.presence === "online" && !station.online) return false;
  if (filters.presence === "offline" && station.online) return false;
  if (filters.registration && station.registrationStatus !== filters.registration) return false;
  if (filters.faulted &&
      !station.evses.some((e) => e.connectors.some((c) => c.status === "Faulted"))) return false;
  if (!filters.search) return true;
  const text = `${station.id} ${station.vendorName ?? ""} ${station.model ?? ""} ${
    station.firmwareVersion ?? ""}`.toLowerCase();
  return text.includes(filters.search);
}

function connectorBadges(station) {
  const badges = [];
  for (const evse of station.evses) {
    for (const connector of evse.connectors) {
      badges.push(
        h("span", {
          class: statusClass(connector.status),
          title: `EVSE ${evse.id} connector ${connector.id}: ${connector.status}`,
          "data-connector": `${evse.id}/${connector.id}`,
          "data-status": connector.status,
        }, `${evse.id}/${connector.id}`),
      );
    }
  }
  return badges.length ? badges : [h("span", { class: "muted" }, "no connectors")];
}

function row(station, index) {
  return h(
    "a",
    {
      class: "fleet-row",
      role: "row",
      href: `#/station/${encodeURIComponent(station.id)}`,
      style: `transform: translateY(${index * ROW_HEIGHT}px)`,
      "data-station": station.id,
      "aria-rowindex": index + 2,
    },
    h("span", { role: "cell", class: "cell-id" }, station.id),
    h("span", { role: "cell" },
      h("span", { class: station.online ? "dot online" : "dot offline", "aria-hidden": "true" }),
      station.online ? "online" : "offline"),
    h("span", { role: "cell" }, station.registrationStatus ?? "—"),
    h("span", { role: "cell", class: "connectors" }, connectorBadges(station)),
    h("span", { role: "cell" }, ago(station.lastSeenAt)),
    h("span", { role: "cell", class: "cell-fw" }, station.firmwareVersion ?? "—"),
  );
}

/** Shows the fleet view in `container`; returns its handle ({ destroy }). */
export function fleetView(container, { store }) {
  const filters = { presence: "all", registration: "", search: "", faulted: false };
  const counts = h("dl", { class: "counts", "aria-label": "Fleet counts" });
  const search = h("input", { type: "search", id: "fleet-search", placeholder: "id, vendor, model, firmware",
    "aria-label": "Search stations" });
  const presence = h("select", { id: "fleet-presence", "aria-label": "Presence" },
    h("option", { value: "all" }, "online and offline"),
    h("option", { value: "online" }, "online"),
    h("option", { value: "offline" }, "offline"));
  const registration = h("select", { id: "fleet-registration", "aria-label": "Registration status" },
    h("option", { value: "" }, "any registration"),
    ...["Accepted", "Pending", "Rejected"].map((s) => h("option", { value: s }, s)));
  const faulted = h("input", { type: "checkbox", id: "fleet-faulted" });
  const shown = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const viewport = h("div", { class: "fleet-viewport", tabindex: "0", role: "rowgroup" });
  const spacer = h("div", { class: "fleet-spacer" });
  viewport.append(spacer);
  const header = h("div", { class: "fleet-row fleet-head", role: "row", "aria-rowindex": 1 },
    ...["Station", "State", "Registration", "Connectors", "Last seen", "Firmware"].map((t) =>
      h("span", { role: "columnheader" }, t)));

  container.append(
    h("h1", {}, "Fleet"),
    counts,
    h("div", { class: "toolbar" }, search, presence, registration,
      h("label", {}, faulted, " faults only"), shown),
    h("div", { class: "fleet-table", role: "table", "aria-label": "Stations" }, header, viewport),
  );

  let visible = [];
  let lastVersion = -1;
  let filtersChanged = true;

  function drawCounts() {
    const c = store.counts();
    const item = (label, value, key) =>
      h("div", { class: "count", "data-count": key }, h("dt", {}, label), h("dd", {}, value));
    fill(counts,
      item("Online", c.online, "online"),
      item("Offline", c.offline, "offline"),
      item("Charging now", c.charging, "charging"),
      item("Faults", c.faults, "faults"),
      item("Power now", power(c.watts), "power"));
  }

  function drawRows() {
    const top = viewport.scrollTop;
    const height = viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(visible.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const focused = document.activeElement?.dataset?.station;
    const rows = [];
    for (let i = first; i < last; i += 1) rows.push(row(visible[i], i));
    spacer.style.height = `${visible.length * ROW_HEIGHT}px`;
    fill(spacer, rows);
    if (focused) spacer.querySelector(`[data-station="${CSS.escape(focused)}"]`)?.focus();
  }

  function draw() {
    if (store.version !== lastVersion || filtersChanged) {
      visible = [...store.stations.values()].filter((s) => matches(s, filters));
      visible.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      shown.textContent = store.loaded
        ? `${visible.length} of ${store.stations.size} stations`
        : `loading… ${store.stations.size} stations so far`;
      drawCounts();
      lastVersion = store.version;
      filtersChanged = false;
    }
    drawRows();
  }

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };
  const refilter = () => {
    filters.search = search.value.trim().toLowerCase();
    filters.presence = presence.value;
    filters.registration = registration.value;
    filters.faulted = faulted.checked;
    filtersChanged = true;
    schedule();
  };
  search.addEventListener("input", refilter);
  presence.addEventListener("change", refilter);
  registration.addEventListener("change", refilter);
  faulted.addEventListener("change", refilter);
  viewport.addEventListener("scroll", schedule, { passive: true });
  viewport.addEventListener("keydown", (event) => {
    if (!["ArrowDown", "ArrowUp"].includes(event.key)) return;
    const current = document.activeElement?.closest?.(".fleet-row");
    const index = current ? Number(current.getAttribute("aria-rowindex")) - 2 : -1;
    const next = Math.max(0, Math.min(visible.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)));
    if (!visible[next]) return;
    event.preventDefault();
    const y = next * ROW_HEIGHT;
    if (y < viewport.scrollTop) viewport.scrollTop = y;
    if (y + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = y + ROW_HEIGHT - viewport.clientHeight;
    }
    drawRows();
    spacer.querySelector(`[data-station="${CSS.escape(visible[next].id)}"]`)?.focus();
  });
  const stopListening = store.listen(schedule);
  const ticker = setInterval(schedule, 5000); // "last seen" ages
  draw();
  return {
    destroy() {
      stopListening();
      clearInterval(ticker);
    },
  };
}
