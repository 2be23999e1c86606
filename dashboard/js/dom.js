// Small DOM and formatting helpers shared by the views.

/** Creates an element: h("a", { href: "#/x", class: "row" }, "text", child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A date-time as local "YYYY-MM-DD HH:MM:SS", or "—". */
export function when(value) {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** How long ago, short: "12 s", "5 min", "3 h", "2 d". */
export function ago(value, now = Date.now()) {
  if (!value) return "never";
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** Watts as "W", "kW" or "MW". */
export function power(watts) {
  if (watts === null || watts === undefined) return "—";
  if (Math.abs(watts) >= 1e6) return `${(watts / 1e6).toFixed(2)} MW`;
  if (Math.abs(watts) >= 1e3) return `${(watts / 1e3).toFixed(1)} kW`;
  return `${Math.round(watts)} W`;
}

/** Watt-hours as "Wh" or "kWh". */
export function energy(wh) {
  if (wh === null || wh === undefined) return "—";
  return Math.abs(wh) >= 1000 ? `${(wh / 1000).toFixed(2)} kWh` : `${Math.round(wh)} Wh`;
}

/** The CSS class of a connector status (Available, Occupied, Faulted, ...). */
export function statusClass(status) {
  return `status status-${String(status || "unknown").toLowerCase()}`;
}

/** Runs `render` at most once per animation frame, however often `schedule` is called. */
export function frameBatcher(render) {
  let pending = false;
  return function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return element;
}

/** A sampled value in base units (value × 10^multiplier; kW and kWh scaled to W and Wh). */
export function baseValue(sample) {
  let value = sample.value * 10 ** (sample.multiplier ?? 0);
  if (sample.unit === "kW" || sample.unit === "kWh") value *= 1000;
  return value;
}
