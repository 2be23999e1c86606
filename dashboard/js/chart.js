// The power and energy chart of a transaction, drawn by uPlot (dashboard/vendor/uplot).

import uPlot from "../vendor/uplot/uPlot.esm.js";
import { baseValue } from "./dom.js";

const POWER = "Power.Active.Import";
const ENERGY = "Energy.Active.Import.Register";

function cssColor(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** A live chart of power (W) and energy (Wh) over time; `add` appends samples. */
export class TransactionChart {
  constructor(container, width = 640) {
    this.times = [];
    this.power = [];
    this.energy = [];
    this.container = container;
    const axis = cssColor("--fg-muted", "#666");
    const grid = cssColor("--border", "#ddd");
    this.plot = new uPlot(
      {
        width,
        height: 260,
        title: "Power and energy",
        scales: { x: { time: true }, W: {}, Wh: {} },
        series: [
          {},
          { label: "Power (W)", scale: "W", stroke: cssColor("--accent", "#2563eb"), width: 2,
            spanGaps: true },
          { label: "Energy (Wh)", scale: "Wh", stroke: cssColor("--ok", "#15803d"), width: 2,
            spanGaps: true },
        ],
        axes: [
          { stroke: axis, grid: { stroke: grid } },
          { scale: "W", stroke: axis, grid: { stroke: grid }, label: "W" },
          { scale: "Wh", side: 1, stroke: axis, grid: { show: false }, label: "Wh" },
        ],
      },
      [[], [], []],
      container,
    );
    this.resizer = new ResizeObserver(() => {
      const next = Math.max(280, Math.floor(container.clientWidth));
      if (next !== this.plot.width) this.plot.setSize({ width: next, height: 260 });
    });
    this.resizer.observe(container);
  }

  /** Adds sampled values ({sampledAt|timestamp, measurand, value, multiplier, unit, phase}). */
  add(samples, fallbackTime = null) {
    let changed = false;
    for (const sample of samples) {
      const measurand = sample.measurand ?? ENERGY;
      if (sample.phase || (measurand !== POWER && measurand !== ENERGY)) continue;
      const at = Date.parse(sample.sampledAt ?? sample.timestamp ?? fallbackTime) / 1000;
      if (Number.isNaN(at)) continue;
      let index = this.times.indexOf(at);
      if (index < 0) {
        index = this.times.findIndex((t) => t > at);
        if (index < 0) index = this.times.length;
        this.times.splice(index, 0, at);
        this.power.splice(index, 0, null);
        this.energy.splice(index, 0, null);
      }
      (measurand === POWER ? this.power : this.energy)[index] = baseValue(sample);
      changed = true;
    }
    if (changed) this.plot.setData([this.times, this.power, this.energy]);
    this.container.dataset.points = String(this.times.length);
  }

  /** How many moments the chart holds. */
  get points() {
    return this.times.length;
  }

  destroy() {
    this.resizer.disconnect();
    this.plot.destroy();
  }
}
