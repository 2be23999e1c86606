"""The operator dashboard (`/dashboard`) end to end: headless Chromium against a running node
with scripted stations. Everything the page shows comes from GraphQL queries and
subscriptions; nothing is reloaded between the steps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.async_api import Page, expect

from tests.conftest import NodeFactory
from tests.e2e.conftest import screenshot
from tests.support.nodes import ADMIN_TOKEN, RunningNode
from tests.support.transactions import ocpp_time, send_tx_event

FLEET_SUBSCRIPTIONS = 3
STATION_SUBSCRIPTIONS = 3


async def open_dashboard(page: Page, node: RunningNode, route: str = "") -> None:
    """Sign in through the `#token=` fragment and wait for the live feeds."""
    await page.goto(f"{node.http_url}/dashboard#token={ADMIN_TOKEN}")
    await expect(page.locator("#live")).to_have_text("live")
    await node.wait_subscribers(FLEET_SUBSCRIPTIONS)
    await page.evaluate("window.notReloaded = true")
    if route:
        await page.evaluate(f"window.location.hash = {route!r}")


async def still_the_same_page(page: Page) -> None:
    """The page was never reloaded since `open_dashboard`."""
    assert await page.evaluate("window.notReloaded") is True


def meter(at: datetime, watts: float, wh: float) -> dict[str, object]:
    """A MeterValueType with a power and an energy sample."""
    return {
        "timestamp": ocpp_time(at),
        "sampledValue": [
            {"value": watts, "measurand": "Power.Active.Import"},
            {"value": wh, "measurand": "Energy.Active.Import.Register"},
        ],
    }


async def test_sign_in_form_keeps_the_token_for_the_tab_only(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """A wrong token is refused with the API's words; a right one signs in, lives in
    sessionStorage and survives a reload; the fragment token leaves the address bar."""
    node = await make_node(sqlite_url)
    await page.goto(f"{node.http_url}/dashboard")
    await page.fill("#token", "not-the-token")
    await page.press("#token", "Enter")
    await expect(page.locator("#sign-in-error")).to_contain_text("Authentication required")
    await screenshot(page, "sign-in")
    await page.fill("#token", ADMIN_TOKEN)
    await page.click("#sign-in button[type=submit]")
    await expect(page.locator("#view h1")).to_have_text("Fleet")
    assert await page.evaluate("sessionStorage.getItem('csms.dashboard.token')") == ADMIN_TOKEN
    await page.reload()
    await expect(page.locator("#view h1")).to_have_text("Fleet")
    await page.click("#sign-out")
    await expect(page.locator("#sign-in")).to_be_visible()
    assert await page.evaluate("sessionStorage.getItem('csms.dashboard.token')") is None

    await page.goto(f"{node.http_url}/dashboard#token={ADMIN_TOKEN}")
    await expect(page.locator("#view h1")).to_have_text("Fleet")
    assert ADMIN_TOKEN not in page.url


async def test_a_booting_station_appears_and_its_status_colours_its_connector(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """B01 and G01 live: a station that boots appears in the fleet view without a reload, and
    each StatusNotification recolours its connector; the counts follow."""
    node = await make_node(sqlite_url)
    await open_dashboard(page, node)
    await expect(page.locator('[data-count="online"] dd')).to_have_text("0")

    station = await node.booted_station("CS-E2E-1")
    row = page.locator('.fleet-row[data-station="CS-E2E-1"]')
    await expect(row).to_be_visible()
    await expect(row).to_contain_text("Accepted")
    await expect(page.locator('[data-count="online"] dd')).to_have_text("1")

    await station.status(1, 1, "Available")
    badge = row.locator('[data-connector="1/1"]')
    await expect(badge).to_have_attribute("data-status", "Available")
    available = await badge.evaluate("e => getComputedStyle(e).backgroundColor")
    await station.status(1, 1, "Faulted")
    await expect(badge).to_have_attribute("data-status", "Faulted")
    faulted = await badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert available != faulted
    await expect(page.locator('[data-count="faults"] dd')).to_have_text("1")

    other = await node.booted_station("CS-E2E-2")
    await other.status(1, 1, "Available")
    await expect(page.locator('.fleet-row[data-station="CS-E2E-2"]')).to_be_visible()
    await page.fill("#fleet-search", "e2e-2")
    await expect(page.locator(".fleet-spacer .fleet-row")).to_have_count(1)
    await page.fill("#fleet-search", "")
    await expect(page.locator(".fleet-spacer .fleet-row")).to_have_count(2)
    await still_the_same_page(page)
    await screenshot(page, "fleet")


async def test_a_remote_start_pressed_on_the_page_reaches_the_station_and_charts_its_session(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """F01/F02 from the station view: the RequestStartTransaction reaches the station, its
    answer shows beside the button, and the transaction it starts appears with a power and
    energy chart that grows as meter values arrive in TransactionEvent Updated (E02, J02)."""
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-E2E-START")
    await station.status(1, 1, "Available")
    await open_dashboard(page, node, "#/station/CS-E2E-START")
    await node.wait_subscribers(FLEET_SUBSCRIPTIONS + STATION_SUBSCRIPTIONS)
    await expect(page.locator('#evses [data-connector="1/1"]')).to_have_attribute(
        "data-status", "Available"
    )
    await expect(page.locator("#active-transaction")).to_contain_text("No transaction")

    start = page.locator('form[data-command="remote-start"]')
    await start.locator('input[name="idToken"]').fill("RFID-E2E")
    await start.locator("button").click()
    call = await station.expect_call("RequestStartTransaction")
    assert call[3]["idToken"] == {"idToken": "RFID-E2E", "type": "Central"}
    assert call[3]["evseId"] == 1
    await station.reply(call[1], {"status": "Accepted"})
    await expect(start.locator("output")).to_have_text("Accepted")

    began = datetime.now(UTC) - timedelta(minutes=5)
    answer = await send_tx_event(
        station,
        "Started",
        "TX-E2E-1",
        0,
        "RemoteStart",
        timestamp=ocpp_time(began),
        evse={"id": 1, "connectorId": 1},
        idToken={"idToken": "RFID-E2E", "type": "Central"},
        chargingState="Charging",
        remoteStartId=call[3]["remoteStartId"],
        meterValue=[meter(began, 7000, 1000)],
    )
    assert answer[0] == 3, answer
    await station.status(1, 1, "Occupied")
    await expect(page.locator('[data-transaction="TX-E2E-1"]')).to_be_visible()
    await expect(page.locator('#evses [data-connector="1/1"]')).to_have_attribute(
        "data-status", "Occupied"
    )
    chart = page.locator("#transaction-chart")
    await expect(chart).to_have_attribute("data-points", "1")
    for minute in (1, 2, 3):
        sample = meter(began + timedelta(minutes=minute), 7000 + 100 * minute, 1000 + 120 * minute)
        answer = await send_tx_event(
            station, "Updated", "TX-E2E-1", minute, "MeterValuePeriodic", meterValue=[sample]
        )
        assert answer[0] == 3, answer
        await expect(chart).to_have_attribute("data-points", str(1 + minute))
    await expect(chart.locator("canvas")).to_be_visible()

    sent = page.locator('#messages [data-action="RequestStartTransaction"]')
    await expect(sent.first).to_be_visible()
    await still_the_same_page(page)
    await screenshot(page, "station")

    stop = page.locator('form[data-command="remote-stop"]')
    await expect(stop.locator('input[name="transactionId"]')).to_have_value("TX-E2E-1")
    await stop.locator("button").click()
    stop_call = await station.expect_call("RequestStopTransaction")
    assert stop_call[3] == {"transactionId": "TX-E2E-1"}
    await station.reply(stop_call[1], {"status": "Rejected"})
    await expect(stop.locator("output")).to_have_text("Rejected")


async def test_a_command_to_an_offline_station_says_offline(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """A command the CSMS cannot deliver shows OFFLINE instead of an answer."""
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-E2E-GONE")
    await station.close()
    await open_dashboard(page, node, "#/station/CS-E2E-GONE")
    await expect(page.locator("[data-online]")).to_have_attribute("data-online", "false")
    clear = page.locator('form[data-command="clear-cache"]')
    await clear.locator("button").click()
    await expect(clear.locator("output")).to_have_text("OFFLINE")


async def test_transactions_view_filters_and_shows_a_session_s_curve_and_events(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """E: the list filters by station and state; a session opens with its energy curve and
    its TransactionEvents; a transaction that starts meanwhile joins the list."""
    node = await make_node(sqlite_url)
    station = await node.booted_station("CS-E2E-TX")
    began = datetime.now(UTC) - timedelta(hours=1)
    for seq, (event, minute) in enumerate([("Started", 0), ("Updated", 10), ("Ended", 20)]):
        answer = await send_tx_event(
            station,
            event,
            "TX-E2E-DONE",
            seq,
            "Authorized" if event == "Started" else "MeterValuePeriodic",
            timestamp=ocpp_time(began + timedelta(minutes=minute)),
            evse={"id": 1, "connectorId": 1},
            idToken={"idToken": "RFID-TX", "type": "ISO14443"},
            meterValue=[meter(began + timedelta(minutes=minute), 11000, 2000 + 100 * minute)],
        )
        assert answer[0] == 3, answer
    await open_dashboard(page, node, "#/transactions")
    rows = page.locator("#transactions tbody tr")
    await expect(rows).to_have_count(1)
    await page.select_option("#tx-active", "true")
    await page.click("form.filters button[type=submit]")
    await expect(page.locator("#transactions")).to_contain_text("No transaction matches")
    await page.select_option("#tx-active", "false")
    await page.fill("#tx-station", "CS-E2E-TX")
    await page.click("form.filters button[type=submit]")
    await expect(rows).to_have_count(1)
    await rows.locator("a").first.click()
    await expect(page.locator("#session")).to_contain_text("Session TX-E2E-DONE")
    await expect(page.locator("#session-events tbody tr")).to_have_count(3)
    await expect(page.locator("#session-chart")).to_have_attribute("data-points", "3")
    await screenshot(page, "transactions")

    await page.fill("#tx-station", "")
    await page.select_option("#tx-active", "")
    await page.click("form.filters button[type=submit]")
    await expect(rows).to_have_count(1)
    await node.wait_subscribers(FLEET_SUBSCRIPTIONS + 1)
    answer = await send_tx_event(
        station, "Started", "TX-E2E-LIVE", 0, evse={"id": 2, "connectorId": 1}
    )
    assert answer[0] == 3, answer
    await expect(page.locator('#transactions tr[data-transaction="TX-E2E-LIVE"]')).to_be_visible()
    await still_the_same_page(page)


async def test_id_tokens_view_adds_blocks_and_shows_local_list_versions(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """C and D: a token added on the page is stored; Block makes it Blocked; the local lists
    and each station's version are listed."""
    node = await make_node(sqlite_url)
    await node.booted_station("CS-E2E-LIST")
    await node.graphql.data(
        'mutation { upsertIdToken(input: {idToken: "LISTED", type: ISO14443}) { idToken } }'
    )
    await node.graphql.data(
        'mutation { createLocalAuthList(name: "depot", idTokens: [{idToken: "LISTED", '
        "type: ISO14443}]) { name } }"
    )
    await node.graphql.data(
        'mutation { assignLocalAuthList(stationId: "CS-E2E-LIST", listName: "depot") '
        "{ stationId } }"
    )
    await open_dashboard(page, node, "#/tokens")
    await expect(page.locator("#local-lists")).to_contain_text("depot")
    await expect(page.locator("#station-lists")).to_contain_text("CS-E2E-LIST")

    await page.fill("#new-token", "NEW-E2E")
    await page.click("#add-token button")
    token_row = page.locator('#id-tokens tr[data-token="NEW-E2E"]')
    await expect(token_row).to_contain_text("Accepted")
    await token_row.locator("button").click()
    await expect(token_row).to_contain_text("Blocked")
    stored = await node.graphql.data('{ idTokens(search: "NEW-E2E") { status } }')
    assert stored["idTokens"] == [{"status": "Blocked"}]
    await page.fill("#token-search", "listed")
    await expect(page.locator("#id-tokens tbody tr")).to_have_count(1)
    await screenshot(page, "tokens")


async def test_the_fleet_view_keeps_up_with_a_thousand_stations(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """The list is virtualised: a thousand stations render only the rows in sight; stations
    new to the page appear with every status they sent while the page was reading them; the
    counts follow boots, statuses, a charging session and its power; a status change far down the
    list shows when scrolled to; the rows are reached with the keyboard."""
    node = await make_node(sqlite_url)
    ids = [f"CS-BULK-{n:04d}" for n in range(1000)]
    await register(node, ids[:-1])
    await open_dashboard(page, node)
    await expect(page.locator("[data-count='offline'] dd")).to_have_text("999")
    rendered = await page.locator(".fleet-spacer .fleet-row").count()
    assert 0 < rendered < 100

    statuses = ["Available", "Occupied", "Faulted", "Unavailable", "Reserved"]
    for n, status in enumerate(statuses, start=1):
        station = await node.station(f"CS-{n:04d}")
        boot = {"vendorName": "VendorX", "model": "ModelY", "firmwareVersion": f"2.{n}.0"}
        answer = await station.call(
            "BootNotification", {"reason": "PowerUp", "chargingStation": boot}
        )
        assert answer[2]["status"] == "Accepted", answer
        await station.status(1, 1, status)
        await station.status(2, 1, "Available")
        if status == "Occupied":
            now = datetime.now(UTC)
            answer = await send_tx_event(
                station,
                "Started",
                "TX-FLEET",
                0,
                evse={"id": 1, "connectorId": 1},
                idToken={"idToken": "RFID-FLEET", "type": "ISO14443"},
                chargingState="Charging",
                meterValue=[meter(now, 11000, 500)],
            )
            assert answer[0] == 3, answer
    await expect(page.locator("[data-count='online'] dd")).to_have_text("5")
    for n, status in enumerate(statuses, start=1):
        row = page.locator(f'.fleet-row[data-station="CS-{n:04d}"]')
        await expect(row).to_contain_text(f"2.{n}.0")
        await expect(row.locator('[data-connector="1/1"]')).to_have_attribute("data-status", status)
        await expect(row.locator('[data-connector="2/1"]')).to_have_attribute(
            "data-status", "Available"
        )
    await expect(page.locator("[data-count='charging'] dd")).to_have_text("1")
    await expect(page.locator("[data-count='power'] dd")).to_have_text("11.0 kW")
    await expect(page.locator("[data-count='faults'] dd")).to_have_text("1")
    await screenshot(page, "fleet")
    await page.emulate_media(color_scheme="dark")
    await screenshot(page, "fleet-dark")
    await page.emulate_media(color_scheme="light")
    await page.set_viewport_size({"width": 820, "height": 1180})
    await screenshot(page, "fleet-tablet")
    await page.set_viewport_size({"width": 1366, "height": 900})

    last = await node.booted_station(ids[-1])
    await last.status(1, 1, "Faulted")
    await expect(page.locator("[data-count='online'] dd")).to_have_text("6")
    await expect(page.locator("[data-count='faults'] dd")).to_have_text("2")
    await page.locator(".fleet-viewport").evaluate("e => { e.scrollTop = e.scrollHeight }")
    badge = page.locator(f'.fleet-row[data-station="{ids[-1]}"] [data-connector="1/1"]')
    await expect(badge).to_have_attribute("data-status", "Faulted")
    assert await page.locator(".fleet-spacer .fleet-row").count() < 100

    await page.locator(".fleet-viewport").evaluate("e => { e.scrollTop = 0 }")
    await page.locator(".fleet-viewport").focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowDown")
    focused = await page.evaluate("document.activeElement.dataset.station")
    assert focused == "CS-0002"
    await page.keyboard.press("Enter")
    await expect(page.locator("#view h1")).to_have_text("Station CS-0002")


async def register(node: RunningNode, ids: list[str]) -> None:
    """Register stations through GraphQL, 25 per request (aliases are limited to 30)."""
    for first in range(0, len(ids), 25):
        fields = " ".join(
            f's{n}: upsertStation(input: {{id: "{station_id}"}}) {{ id }}'
            for n, station_id in enumerate(ids[first : first + 25])
        )
        await node.graphql.data(f"mutation {{ {fields} }}")


async def test_a_viewer_token_sees_no_command_buttons(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """Signed in with a token of the viewer role (created through `createApiToken`), the page
    shows the station and the id tokens but no command buttons and no form to add a token;
    an operator's token sees the buttons."""
    node = await make_node(sqlite_url)
    await node.booted_station("CS-E2E-VIEW")
    tokens = await node.graphql.data(
        'mutation { viewer: createApiToken(input: {name: "wall screen", role: VIEWER}) '
        '{ token } operator: createApiToken(input: {name: "desk", role: OPERATOR}) { token } }'
    )

    await page.goto(f"{node.http_url}/dashboard#token={tokens['viewer']['token']}")
    await expect(page.locator("#live")).to_have_text("live")
    await page.evaluate("window.location.hash = '#/station/CS-E2E-VIEW'")
    await expect(page.locator("#view h1")).to_have_text("Station CS-E2E-VIEW")
    await expect(page.locator("#boots-title-panel")).to_contain_text("PowerUp")
    await expect(page.locator("form[data-command]")).to_have_count(0)
    await screenshot(page, "station-viewer")
    await page.evaluate("window.location.hash = '#/tokens'")
    await expect(page.locator("#id-tokens")).to_be_visible()
    await expect(page.locator("#add-token")).to_have_count(0)

    await page.click("#sign-out")
    await expect(page.locator("#sign-in")).to_be_visible()
    await page.fill("#token", tokens["operator"]["token"])
    await page.click("#sign-in button[type=submit]")
    await expect(page.locator("#live")).to_have_text("live")
    await page.evaluate("window.location.hash = '#/station/CS-E2E-VIEW'")
    await expect(page.locator("#view h1")).to_have_text("Station CS-E2E-VIEW")
    await expect(page.locator("form[data-command]").first).to_be_visible()


async def test_the_page_reconnects_its_live_socket_and_catches_up(
    make_node: NodeFactory, sqlite_url: str, page: Page
) -> None:
    """When the node closes the subscription socket, the page opens a new one, subscribes
    again and reads the fleet again, so a station that booted meanwhile still appears."""
    node = await make_node(sqlite_url)
    await open_dashboard(page, node)
    view = node.node.graphql_view
    assert view is not None
    await view.close_sockets(grace=1.0)
    await node.booted_station("CS-E2E-GAP")
    await expect(page.locator('.fleet-row[data-station="CS-E2E-GAP"]')).to_be_visible()
    await expect(page.locator("#live")).to_have_text("live")
    await node.wait_subscribers(FLEET_SUBSCRIPTIONS)
    late = await node.booted_station("CS-E2E-LATE")
    await late.status(1, 1, "Available")
    badge = page.locator('.fleet-row[data-station="CS-E2E-LATE"] [data-connector="1/1"]')
    await expect(badge).to_have_attribute("data-status", "Available")
    await still_the_same_page(page)
