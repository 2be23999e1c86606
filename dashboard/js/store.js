// The fleet as the page knows it: every station (loaded page by page, then kept up to date
// from the fleet-wide subscriptions), the active transactions and the latest power per EVSE.
// Changes only mark the store dirty; listeners run at most once per animation frame.

import { ACTIVE_TRANSACTIONS, FLEET_PAGE, METER_VALUES, STATION, STATION_EVENTS,
  TRANSACTION_EVENTS } from "./queries.js";
import { baseValue, frameBatcher } from "./dom.js";

const PAGE = 500; // within the API's default cost limit (CSMS_GRAPHQL_MAX_COST) with its EVSEs and connectors
const MAX_DEFERRED = 50000; // beyond them the fleet read in progress is what the page shows
const POWER = "Power.Active.Import";
const STATION_CHANGES = new Set(["CONNECTED", "DISCONNECTED", "BOOT", "STATUS_CHANGED"]);

export class FleetStore {
  constructor(api) {
    this.api = api;
    this.stations = new Map();
    this.transactions = new Map(); // "station/transactionId" -> transaction
    this.power = new Map(); // "station/evseId" -> watts
    this.loaded = false;
    this.version = 0;
    this.listeners = new Set();
    this.stops = [];
    this.pending = new Map(); // station id -> its events while it is being read
    this.loading = false;
    this.overflowed = false;
    this.deferred = []; // [apply, event] that arrived while the fleet was being read
    this.catchUp = null;
    this.notify = frameBatcher(() => {
      for (const listener of this.listeners) listener(this);
    });
  }

  /** Calls `listener(store)` after each batch of changes; returns a function that stops. */
  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  #changed() {
    this.version += 1;
    this.notify();
  }

  /** Subscribes, then loads every station and active transaction. */
  async start() {
    this.stops.push(
      this.api.subscribe(STATION_EVENTS, {}, (d) => this.#stationEvent(d.stationEvents)),
      this.api.subscribe(TRANSACTION_EVENTS, {}, (d) => this.#transactionEvent(d.transactionEvents)),
      this.api.subscribe(METER_VALUES, {}, (d) => this.#meterValues(d.meterValues)),
    );
    await this.reload();
  }

  /** Reads the fleet again (at start and after the live socket reconnected). */
  async reload() {
    this.loading = true;
    try {
      await this.#readFleet();
    } finally {
      this.loading = false;
      const deferred = this.deferred;
      this.deferred = [];
      for (const [apply, event] of deferred) apply.call(this, event);
      if (this.overflowed) {
        this.overflowed = false;
        this.#noteMissed({ missed: 1 });
      }
    }
  }

  /** While the fleet is being read, keeps an event to apply after the read (which may
   * predate it); true when it was kept. */
  #defer(apply, event) {
    if (!this.loading) return false;
    if (this.deferred.length < MAX_DEFERRED) this.deferred.push([apply, event]);
    else this.overflowed = true;
    return true;
  }

  async #readFleet() {
    let after = null;
    for (;;) {
      const { stations } = await this.api.request(FLEET_PAGE, { first: PAGE, after });
      for (const station of stations) this.stations.set(station.id, station);
      this.#changed();
      if (stations.length < PAGE) break;
      after = stations[stations.length - 1].id;
    }
    let cursor = null;
    const active = new Map();
    for (;;) {
      const { transactions } = await this.api.request(ACTIVE_TRANSACTIONS, { after: cursor });
      for (const t of transactions) active.set(`${t.stationId}/${t.transactionId}`, t);
      if (transactions.length < 1000) break;
      cursor = transactions[transactions.length - 1].cursor;
    }
    this.transactions = active;
    this.loaded = true;
    this.#changed();
  }

  stop() {
    clearTimeout(this.catchUp);
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  /** The counts at the top of the fleet view. */
  counts() {
    let online = 0;
    let faults = 0;
    for (const station of this.stations.values()) {
      if (station.online) online += 1;
      if (station.evses.some((e) => e.connectors.some((c) => c.status === "Faulted"))) faults += 1;
    }
    let charging = 0;
    for (const t of this.transactions.values()) if (t.chargingState === "Charging") charging += 1;
    let watts = 0;
    for (const value of this.power.values()) watts += value;
    return { online, offline: this.stations.size - online, charging, faults, watts,
      total: this.stations.size };
  }

  /** Reads a station the page has not seen; its events that arrive meanwhile are kept and
   * applied, in order, once it is read. */
  async #fetchStation(id, event) {
    const waiting = this.pending.get(id);
    if (waiting) {
      waiting.push(event);
      return;
    }
    this.pending.set(id, [event]);
    try {
      const { station } = await this.api.request(STATION, { id });
      if (station) this.stations.set(id, station);
    } finally {
      const events = this.pending.get(id) ?? [];
      this.pending.delete(id);
      if (this.stations.has(id)) for (const queued of events) this.#stationEvent(queued);
      this.#changed();
    }
  }

  #stationEvent(event) {
    if (this.#defer(this.#stationEvent, event)) return;
    const station = this.stations.get(event.stationId);
    if (!station) {
      if (this.pending.has(event.stationId) || STATION_CHANGES.has(event.type)) {
        this.#fetchStation(event.stationId, event).catch(console.error);
      }
      return;
    }
    const payload = event.payload ?? {};
    station.lastSeenAt = event.occurredAt;
    switch (event.type) {
      case "CONNECTED":
        station.online = true;
        break;
      case "DISCONNECTED":
        station.online = false;
        break;
      case "BOOT":
        station.registrationStatus = payload.registrationStatus ?? station.registrationStatus;
        station.vendorName = payload.vendorName ?? station.vendorName;
        station.model = payload.model ?? station.model;
        station.firmwareVersion = payload.firmwareVersion ?? station.firmwareVersion;
        station.lastBootAt = event.occurredAt;
        station.lastBootReason = payload.reason ?? station.lastBootReason;
        break;
      case "STATUS_CHANGED":
        setConnectorStatus(station, payload.evseId, payload.connectorId, payload.status,
          payload.timestamp ?? event.occurredAt);
        break;
      default:
        break;
    }
    this.#changed();
  }

  /** The server dropped events for this slow page (`missed`): read the fleet again soon. */
  #noteMissed(event) {
    if (!event.missed || this.catchUp) return;
    this.catchUp = setTimeout(() => {
      this.catchUp = null;
      this.reload().catch(console.error);
    }, 1000);
  }

  #transactionEvent(event) {
    if (this.#defer(this.#transactionEvent, event)) return;
    this.#noteMissed(event);
    if (!event.transactionId) return;
    const key = `${event.stationId}/${event.transactionId}`;
    if (event.active === false) {
      this.transactions.delete(key);
      if (event.evseId !== null) this.power.delete(`${event.stationId}/${event.evseId}`);
    } else {
      this.transactions.set(key, { ...this.transactions.get(key), ...event });
    }
    this.#changed();
  }

  #meterValues(event) {
    this.#noteMissed(event);
    if (event.evseId === null || event.evseId === 0) return;
    for (const sample of event.samples) {
      if (sample.measurand === POWER && !sample.phase) {
        this.power.set(`${event.stationId}/${event.evseId}`, baseValue(sample));
        this.#changed();
      }
    }
  }
}

/** Sets one connector's status, adding the EVSE or connector when the station had none. */
export function setConnectorStatus(station, evseId, connectorId, status, reportedAt) {
  let evse = station.evses.find((e) => e.id === evseId);
  if (!evse) {
    evse = { id: evseId, connectors: [] };
    station.evses = [...station.evses, evse].sort((a, b) => a.id - b.id);
  }
  let connector = evse.connectors.find((c) => c.id === connectorId);
  if (!connector) {
    connector = { id: connectorId, status, reportedAt };
    evse.connectors = [...evse.connectors, connector].sort((a, b) => a.id - b.id);
  }
  connector.status = status;
  connector.reportedAt = reportedAt;
}
