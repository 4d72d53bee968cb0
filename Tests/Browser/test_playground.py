"""The playground in a real browser : Debian's chromium, driven by
chromium-driver through selenium, against a running gateway.

Needs GATEWAY_URL (e.g. http://127.0.0.1:8080) and GATEWAY_API_KEY (a key that
may read drivers); fails at once, naming them, when either is unset. The
subscription test also needs MONGODB_URI and SUPPORTCARR_DB, the gateway's
database, to write into it.
Run: .venv/bin/python -m unittest discover -s Tests/Browser -v
A screenshot of the page after a run is saved to PLAYGROUND_SCREENSHOT
(default /tmp/playground.png).
"""

import json
import os
import shutil
import time
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 15


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise AssertionError(
            f"{name} is not set: the browser test needs a running gateway "
            "(GATEWAY_URL, e.g. http://127.0.0.1:8080, and GATEWAY_API_KEY, an API key that may read drivers)."
        )
    return value


def make_driver():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--window-size=1440,900", "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


class PlaygroundInABrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.base = required_env("GATEWAY_URL").rstrip("/")
        cls.key = required_env("GATEWAY_API_KEY")
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    # Helpers

    def wait(self, condition, message):
        return WebDriverWait(self.driver, TIMEOUT).until(condition, message)

    def by_id(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def open_fresh(self):
        """Opens the playground with nothing remembered from an earlier test."""
        self.driver.get(self.base + "/playground")
        self.driver.execute_script("localStorage.clear()")
        self.driver.get(self.base + "/playground")
        self.wait(lambda d: d.find_element(By.ID, "query").get_attribute("value"), "the query editor stays empty")

    def set_key(self):
        """Types the API key into the headers pane and reloads the schema with it."""
        self.by_id("tab-headers").click()
        headers = self.by_id("headers")
        headers.send_keys(Keys.CONTROL, "a")
        headers.send_keys(Keys.DELETE)
        headers.send_keys(json.dumps({"Authorization": f"Bearer {self.key}"}))
        self.by_id("tab-explorer").click()
        self.by_id("explorer-reload").click()
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#explorer .type-link")),
                  "the schema explorer shows no types with the key set")

    def set_query(self, text):
        self.driver.execute_script(
            "const q = document.getElementById('query'); q.value = arguments[0];"
            "q.dispatchEvent(new Event('input', {bubbles: true}));", text)

    def run_and_wait(self, trigger):
        self.driver.execute_script("document.getElementById('response-status').textContent = ''")
        trigger()
        self.wait(lambda d: d.find_element(By.ID, "response-status").get_attribute("data-status")
                  and "Running" not in d.find_element(By.ID, "response-status").text,
                  "no response arrived")
        return json.loads(self.by_id("response").text)

    # Tests

    def test_the_example_query_is_prefilled_and_runs_with_the_key_to_show_data(self):
        self.open_fresh()
        query = self.by_id("query").get_attribute("value")
        self.assertIn("nearbyDrivers", query)
        self.set_key()
        body = self.run_and_wait(lambda: self.by_id("run").click())
        status = self.by_id("response-status")
        self.assertEqual(status.get_attribute("data-status"), "200", status.text)
        self.assertRegex(status.text, r"\d+ ms")
        self.assertNotIn("errors", body, body)
        self.assertIsInstance(body.get("data"), dict)
        self.assertIn("nearbyDrivers", body["data"])
        self.assertFalse(self.by_id("response-errors").is_displayed())
        path = os.environ.get("PLAYGROUND_SCREENSHOT", "/tmp/playground.png")
        self.driver.save_screenshot(path)

    def test_ctrl_enter_runs_the_query_from_the_editor(self):
        self.open_fresh()
        self.set_key()
        self.by_id("query").click()
        body = self.run_and_wait(lambda: self.by_id("query").send_keys(Keys.CONTROL, Keys.ENTER))
        self.assertIsInstance(body.get("data"), dict)

    def test_the_headers_are_remembered_after_a_reload(self):
        self.open_fresh()
        self.set_key()
        self.driver.refresh()
        self.assertIn(self.key, self.by_id("headers").get_attribute("value"))

    def test_a_request_without_the_key_shows_a_readable_error(self):
        self.open_fresh()
        self.by_id("tab-headers").click()
        headers = self.by_id("headers")
        headers.send_keys(Keys.CONTROL, "a")
        headers.send_keys(Keys.DELETE)
        headers.send_keys("{}")
        body = self.run_and_wait(lambda: self.by_id("run").click())
        self.assertTrue(body.get("errors"), body)
        errors = self.by_id("response-errors")
        self.assertTrue(errors.is_displayed())
        self.assertIn(body["errors"][0]["message"], errors.text)

    def test_invalid_variables_are_refused_before_sending(self):
        self.open_fresh()
        variables = self.by_id("variables")
        variables.send_keys(Keys.CONTROL, "a")
        variables.send_keys(Keys.DELETE)
        variables.send_keys('{"near": ')
        self.by_id("run").click()
        self.assertEqual(self.by_id("response-status").text, "Not sent")
        self.assertIn("Variables are not valid JSON", self.by_id("response-errors").text)
        self.assertEqual(variables.get_attribute("aria-invalid"), "true")

    def test_a_type_opened_in_the_explorer_shows_its_fields_and_back_returns(self):
        self.open_fresh()
        self.set_key()
        search = self.by_id("explorer-search")
        search.send_keys("DriverProfile")
        link = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, '#explorer .type-link[data-type="DriverProfile"]')),
                         "searching finds no DriverProfile type")
        link.click()
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#explorer .type-title"), "DriverProfile"),
                  "DriverProfile did not open")
        fields = [f.get_attribute("data-field") for f in self.driver.find_elements(By.CSS_SELECTOR, "#explorer .field")]
        self.assertIn("rating", fields)
        self.assertIn("Implements Profile", self.by_id("explorer").text)
        self.assertIn("location", fields)
        self.assertIn("The driver's", self.by_id("explorer").text)  # descriptions are shown
        deprecated = self.driver.find_element(By.CSS_SELECTOR, '#explorer .field[data-field="completedRescues"]')
        self.assertIn("deprecated: Use stats { completedRescues }", deprecated.text)
        self.driver.find_element(By.CSS_SELECTOR, '#explorer .field[data-field="location"] .type-link').click()
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#explorer .type-title"), "GeoPoint"),
                  "clicking a field's type did not open it")
        self.assertIn("DriverProfile", self.driver.find_element(By.CSS_SELECTOR, ".explorer-crumbs").text)
        self.by_id("explorer-back").click()
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#explorer .type-title"), "DriverProfile"),
                  "Back did not return to DriverProfile")
        self.driver.save_screenshot(os.environ.get("PLAYGROUND_EXPLORER_SCREENSHOT", "/tmp/playground-explorer.png"))

    def test_a_field_with_arguments_lists_them_with_their_types(self):
        self.open_fresh()
        self.set_key()
        self.driver.find_element(By.CSS_SELECTOR, '#explorer .type-link[data-type="Query"]').click()
        field = self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, '#explorer .field[data-field="nearbyDrivers"]')),
                          "Query shows no nearbyDrivers field")
        self.assertIn("near: GeoPointInput!", field.text)

    def test_history_lists_a_run_query_and_restores_it(self):
        self.open_fresh()
        self.set_key()
        self.run_and_wait(lambda: self.by_id("run").click())
        self.set_query("{ __typename }")
        self.by_id("tab-history").click()
        entry = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, "#history .history-entry")), "history is empty")
        self.assertIn("NearbyDrivers", entry.text)
        entry.click()
        self.assertIn("nearbyDrivers", self.by_id("query").get_attribute("value"))
        self.by_id("history-clear").click()
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#history .history-entry"), [])

    def test_the_editor_highlights_and_closes_brackets(self):
        self.open_fresh()
        self.set_query("")
        editor = self.by_id("query")
        editor.click()
        editor.send_keys("{ me ")
        self.assertEqual(editor.get_attribute("value"), "{ me }")
        self.driver.execute_script("const q = document.getElementById('query'); q.focus(); q.setSelectionRange(1, 1);")
        self.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#query-highlight .bracket-match")) == 2,
                  "the brackets around the caret are not both highlighted")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#query-highlight .tok-field"))

    def test_the_highlighter_tells_apart_keywords_types_variables_strings_and_comments(self):
        self.open_fresh()
        classes = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            import('/playground/js/highlighter.js').then(({ tokenize, classify }) => {
              const src = 'query Q($v: ObjectID!) { user(id: $v) { ... on User { role } n(s: "{") } } # }';
              const out = {};
              for (const t of classify(src, tokenize(src))) out[src.slice(t.start, t.end)] = t.cls;
              done(out);
            }).catch((e) => done({ error: String(e) }));
        """)
        self.assertEqual(classes.get("query"), "tok-keyword", classes)
        self.assertEqual(classes.get("ObjectID"), "tok-type")
        self.assertEqual(classes.get("User"), "tok-type")
        self.assertEqual(classes.get("v"), "tok-variable")
        self.assertEqual(classes.get("id"), "tok-argument")
        self.assertEqual(classes.get("role"), "tok-field")
        self.assertEqual(classes.get('"{"'), "tok-string")
        self.assertEqual(classes.get("# }"), "tok-comment")

    def test_a_subscription_shows_its_events_as_they_arrive_and_stops(self):
        """Run opens a graphql-transport-ws socket for a subscription; writes
        made directly in MongoDB (pymongo, as another process) appear as events."""
        import pymongo  # installed by scripts/setup for the subscription tests

        mongo = pymongo.MongoClient(required_env("MONGODB_URI"))
        try:
            rescues = mongo[required_env("SUPPORTCARR_DB")].rescuerequests
            rescue = rescues.find_one({}, {"_id": 1})["_id"]
            self.open_fresh()
            self.set_key()
            self.set_query('subscription Watch { rescueUpdated(id: "%s") { id estimatedDuration } }' % rescue)
            self.by_id("run").click()
            status = self.by_id("response-status")
            self.wait(lambda d: status.get_attribute("data-subscription") == "live", "the subscription did not start")
            self.assertIn("Stop", self.by_id("run").text)
            # The protocol does not acknowledge a subscribe: write until events show.
            value = 500_000
            deadline = time.monotonic() + TIMEOUT
            while int(status.get_attribute("data-events") or 0) < 2:
                self.assertLess(time.monotonic(), deadline, f"no events shown: {status.text}")
                value += 1
                rescues.update_one({"_id": rescue}, {"$set": {"estimatedDuration": value}})
                time.sleep(0.3)
            events = json.loads(self.by_id("response").text)
            self.assertGreaterEqual(len(events), 2, events)
            self.assertEqual(events[-1]["data"]["rescueUpdated"]["id"], str(rescue))
            self.assertIn("event", status.text)
            self.by_id("run").click()
            self.wait(lambda d: status.get_attribute("data-subscription") == "ended", "Stop did not end the subscription")
            self.assertIn("Run", self.by_id("run").text)
        finally:
            mongo.close()

    def test_bracket_matching_skips_brackets_in_strings_and_comments(self):
        self.open_fresh()
        match = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            import('/playground/js/brackets.js').then(({ matchBracket }) => {
              const src = '{ a(s: "}") # }\\n}';
              done([matchBracket(src, 1), matchBracket(src, src.length), matchBracket('{ a(', 4)]);
            }).catch((e) => done({ error: String(e) }));
        """)
        self.assertEqual(match[0], {"at": 0, "match": 16}, match)
        self.assertEqual(match[1], {"at": 16, "match": 0})
        self.assertEqual(match[2], {"at": 3, "match": -1})


if __name__ == "__main__":
    unittest.main(verbosity=2)
