// The id tokens view: search and page the registry, add a token, block or unblock one; the
// local lists, their versions and which stations hold the current version.

import { fill, h, when } from "../dom.js";
import { ID_TOKENS, LOCAL_LISTS, UPSERT_ID_TOKEN } from "../queries.js";

const KINDS = ["Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local", "MacAddress",
  "NoAuthorization"];

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Shows the id tokens and local lists in `container`; returns its handle. */
export function tokensView(container, { api, canCommand }) {
  const search = h("input", { type: "search", id: "token-search", "aria-label": "Search id tokens",
    placeholder: "part of the token" });
  const list = h("div", { id: "id-tokens" });
  const message = h("p", { role: "status", "aria-live": "polite", class: "muted" });
  const addForm = h("form", { class: "toolbar", id: "add-token", "aria-label": "Add an id token" },
    h("label", { for: "new-token" }, "Id token"),
    h("input", { id: "new-token", name: "idToken", required: true }),
    h("label", { for: "new-token-type" }, "Type"),
    h("select", { id: "new-token-type", name: "type" },
      ...KINDS.map((k) => h("option", { value: k, selected: k === "ISO14443" }, k))),
    h("button", { type: "submit" }, "Add"));
  const lists = h("div", { id: "local-lists" });
  const stations = h("div", { id: "station-lists" });
  container.append(
    h("h1", {}, "Id tokens"),
    h("div", { class: "toolbar" }, search),
    canCommand ? addForm : null,
    message,
    list,
    h("section", { class: "panel", "aria-labelledby": "lists-title" },
      h("h2", { id: "lists-title" }, "Local lists"), lists,
      h("h3", {}, "Stations"), stations),
  );

  async function setStatus(token, status) {
    try {
      await api.request(UPSERT_ID_TOKEN, { input: { idToken: token.idToken, type: token.type, status,
        groupIdToken: token.groupIdToken, masterPass: token.masterPass } });
      message.textContent = `${token.idToken}: ${status}`;
      loadTokens();
    } catch (error) {
      message.textContent = `refused: ${error.message}`;
    }
  }

  async function loadTokens() {
    const { idTokens } = await api.request(ID_TOKENS, { search: search.value.trim() || null });
    if (!idTokens.length) {
      fill(list, h("p", { class: "muted" }, "No id token matches."));
      return;
    }
    fill(list, h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["Id token", "Type", "Status", "Group", "Updated", ""].map((t) =>
        h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...idTokens.map((t) => h("tr", { "data-token": t.idToken },
        h("td", {}, t.idToken), h("td", {}, t.type), h("td", {}, t.status),
        h("td", {}, t.groupIdToken?.idToken ?? "—"), h("td", {}, when(t.updatedAt)),
        h("td", {}, canCommand
          ? h("button", { type: "button", onclick: () => setStatus(t, t.status === "Blocked" ? "Accepted"
            : "Blocked") }, t.status === "Blocked" ? "Unblock" : "Block")
          : "")))))));
  }

  async function loadLists() {
    const { localAuthLists, stationLocalLists } = await api.request(LOCAL_LISTS);
    fill(lists, localAuthLists.length ? h("ul", {}, ...localAuthLists.map((l) =>
      h("li", {}, h("strong", {}, l.name), ` version ${l.version}, ${plural(l.entryCount, "token")}, ${
        plural(l.stationCount, "station")}, updated ${when(l.updatedAt)}`)))
      : h("p", { class: "muted" }, "No local list."));
    fill(stations, stationLocalLists.length ? h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["Station", "List", "Version", "Station has", "Up to date", "Last status"]
        .map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...stationLocalLists.map((s) => h("tr", {},
        h("td", {}, h("a", { href: `#/station/${encodeURIComponent(s.stationId)}` }, s.stationId)),
        h("td", {}, s.listName), h("td", {}, s.listVersion), h("td", {}, s.acknowledgedVersion ?? "—"),
        h("td", { class: s.upToDate ? "ok" : "warn" }, s.upToDate ? "yes" : "no"),
        h("td", {}, s.lastStatus ?? "—"))))))
      : h("p", { class: "muted" }, "No station has a local list."));
  }

  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => loadTokens().catch(console.error), 200);
  });
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const f = addForm.elements;
    try {
      await api.request(UPSERT_ID_TOKEN, { input: { idToken: f.idToken.value.trim(), type: f.type.value } });
      message.textContent = `${f.idToken.value.trim()} added`;
      f.idToken.value = "";
      loadTokens();
    } catch (error) {
      message.textContent = `refused: ${error.message}`;
    }
  });
  loadTokens().catch((e) => fill(list, h("p", { class: "error" }, e.message)));
  loadLists().catch((e) => fill(lists, h("p", { class: "error" }, e.message)));
  return { destroy: () => clearTimeout(timer) };
}
