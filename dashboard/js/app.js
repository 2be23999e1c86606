// The dashboard's entry point: sign-in (token in sessionStorage, or `#token=` in the
// address), the live connection, and the hash router that shows one view at a time.

import { Api } from "./api.js";
import { canSendCommands } from "./permissions.js";
import { SIGN_IN_CHECK } from "./queries.js";
import { FleetStore } from "./store.js";
import { fleetView } from "./views/fleet.js";
import { stationView } from "./views/station.js";
import { tokensView } from "./views/tokens.js";
import { transactionsView } from "./views/transactions.js";

const TOKEN_KEY = "csms.dashboard.token";
const $ = (id) => document.getElementById(id);

const session = { api: null, store: null, canCommand: false, view: null };

function tokenFromFragment() {
  const match = /^#token=(.+)$/.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(null, "", `${window.location.pathname}#/fleet`);
  return decodeURIComponent(match[1]);
}

async function signIn(token) {
  const api = new Api(token);
  await api.request(SIGN_IN_CHECK);
  sessionStorage.setItem(TOKEN_KEY, token);
  session.api = api;
  session.canCommand = await canSendCommands(api);
  session.store = new FleetStore(api);
  let connectedBefore = false;
  api.onConnectionChange = (up) => {
    const live = $("live");
    live.textContent = up ? "live" : "reconnecting…";
    live.classList.toggle("down", !up);
    if (up && connectedBefore) {
      // Events may have been missed while the socket was down: read everything again.
      session.store.reload().catch(console.error);
      session.view?.refresh?.();
    }
    if (up) connectedBefore = true;
  };
  $("sign-in").hidden = true;
  $("nav").hidden = false;
  $("live").hidden = false;
  $("sign-out").hidden = false;
  await session.store.start();
  route();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  session.view?.destroy?.();
  session.store?.stop();
  session.api?.close();
  Object.assign(session, { api: null, store: null, view: null, canCommand: false });
  $("view").replaceChildren();
  $("nav").hidden = true;
  $("live").hidden = true;
  $("sign-out").hidden = true;
  showSignIn("");
}

function showSignIn(message) {
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message;
  $("token").focus();
}

function route() {
  if (!session.api) return;
  const hash = window.location.hash || "#/fleet";
  const [, name = "fleet", ...rest] = hash.split("/");
  const argument = rest.map(decodeURIComponent).join("/");
  session.view?.destroy?.();
  const container = $("view");
  container.replaceChildren();
  const views = {
    fleet: () => fleetView(container, session),
    station: () => stationView(container, session, argument),
    transactions: () => transactionsView(container, session, argument),
    tokens: () => tokensView(container, session),
  };
  session.view = (views[name] ?? views.fleet)();
  for (const link of document.querySelectorAll("#nav a")) {
    const current = link.dataset.view === name || (name === "station" && link.dataset.view === "fleet");
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function start() {
  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    try {
      await signIn(token);
      $("token").value = "";
    } catch (error) {
      showSignIn(`Sign-in failed: ${error.message}`);
    }
  });
  $("sign-out").addEventListener("click", signOut);
  window.addEventListener("hashchange", () => {
    const token = tokenFromFragment();
    if (!token) return route();
    signOut();
    signIn(token).catch((error) => showSignIn(`Sign-in failed: ${error.message}`));
  });
  const token = tokenFromFragment() ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) return showSignIn("");
  try {
    await signIn(token);
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(`Sign-in failed: ${error.message}`);
  }
}

start();
