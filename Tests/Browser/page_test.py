"""Drives the chat page of `routewijzer serve` in headless Chromium, as a person and as a screen-reader user would.

Usage: python page_test.py BASE_URL OUTPUT_DIR   (needs selenium and axe-selenium-python; chromium and chromedriver)
Prints one line per check and exits 1 on the first failure. Screenshots at 320 and 1280 px go to OUTPUT_DIR.
"""
import os
import sys
import time

import axe_selenium_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(OUT, exist_ok=True)


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


def browser(width):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},900", "--lang=nl"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def replies(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#gesprek > .routewijzer")


def wait_for_reply(driver, count):
    WebDriverWait(driver, 20).until(lambda d: len(replies(d)) > count)
    return replies(driver)[-1]


def say(driver, text):
    count = len(replies(driver))
    field = driver.find_element(By.ID, "bericht")
    field.send_keys(text)
    field.send_keys(Keys.ENTER)
    return wait_for_reply(driver, count)


AXE = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")


def axe_check(driver, where):
    """axe-core (bundled with the PyPI package axe-selenium-python) on the page as it is now."""
    with open(AXE, encoding="utf-8") as file:
        driver.execute_script(file.read())
    version = driver.execute_script("return axe.version")
    results = driver.execute_script(
        "return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
    violations = results["violations"]
    for violation in violations:
        print(f"      axe: {violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)")
    check(not violations, f"axe-core {version}: no WCAG 2 A/AA violations {where}")


def main():
    driver = browser(1280)
    try:
        driver.get(BASE + "/")
        check("Routewijzer" in driver.title, "the page loads, with a Dutch title")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl", "the page says it is Dutch")
        for landmark in ["header", "main", "footer"]:
            check(len(driver.find_elements(By.TAG_NAME, landmark)) == 1, f"one <{landmark}> landmark")
        label = driver.find_element(By.CSS_SELECTOR, "label[for=bericht]")
        check(label.text == "Uw bericht", "the input has a visible label")
        log = driver.find_element(By.ID, "gesprek")
        check(log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite", "new replies are announced (role=log, aria-live)")
        axe_check(driver, "on the empty page")

        # Keyboard only: the skip link, then typing and Enter; focus moves to the reply.
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        check(active.get_attribute("class") == "overslaan", "the first Tab reaches the skip link")
        active.send_keys(Keys.ENTER)
        check(driver.switch_to.active_element.get_attribute("id") == "bericht", "the skip link puts the cursor in the input")
        reply = say(driver, "ik zorg voor mijn moeder van 82 en het wordt me te veel")
        check(driver.switch_to.active_element == reply, "focus moves to the new reply")
        buttons = reply.find_elements(By.CSS_SELECTOR, ".keuzes button")
        check(len(buttons) >= 2, f"the options are real buttons ({len(buttons)})")

        # Click options (Tab to the first, Enter) until a route card appears.
        for _ in range(8):
            if driver.find_elements(By.CSS_SELECTOR, ".kaart"):
                break
            buttons = replies(driver)[-1].find_elements(By.CSS_SELECTOR, ".keuzes button")
            count = len(replies(driver))
            if buttons:
                driver.switch_to.active_element.send_keys(Keys.TAB)
                focused = driver.switch_to.active_element
                check(focused == buttons[0], "Tab from the reply reaches its first option")
                focused.send_keys(Keys.ENTER)
                wait_for_reply(driver, count)
            else:
                say(driver, "ja")
        cards = driver.find_elements(By.CSS_SELECTOR, ".kaart")
        check(bool(cards), "a route card is shown")
        check("Contact" in cards[0].text and "Waarom" in cards[0].text, "the card says why and how to reach the desk")
        driver.save_screenshot(os.path.join(OUT, "page-1280.png"))
        axe_check(driver, "with a conversation and a card")

        # The summary: copy and print.
        reply = say(driver, "stop")
        check("Samenvatting van uw gesprek" in reply.text, "stop gives the summary")
        labels = [b.text for b in reply.find_elements(By.CSS_SELECTOR, ".samenvatting-knoppen button")]
        check(labels == ["Kopieer de samenvatting", "Print de samenvatting"], "the summary has copy and print")
        check(driver.execute_script("return sessionStorage.getItem('routewijzer-sessie')") is None, "an ended conversation leaves no session id")

        # A crisis message: the crisis card first and unmissable, with numbers to tap.
        reply = say(driver, "ik wil niet meer leven")
        crisis = reply.find_elements(By.CSS_SELECTOR, ".crisis[role=alert]")
        check(bool(crisis), "the crisis card is shown first, as an alert")
        links = [a.get_attribute("href") for a in crisis[0].find_elements(By.TAG_NAME, "a")]
        check("tel:113" in links, f"the crisis card links 113 for phones ({links[:4]})")

        # Vergeet mij: visible, and what was said leaves the screen and the browser.
        forget = driver.find_element(By.ID, "vergeet")
        check(forget.is_displayed() and forget.text == "Vergeet mij", "'Vergeet mij' is a visible control")
        forget.click()
        WebDriverWait(driver, 20).until(lambda d: "gewist" in d.find_element(By.ID, "gesprek").text)
        time.sleep(0.2)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#gesprek > .bericht")) == 1, "after 'Vergeet mij' only the confirmation is on screen")
        stored = driver.execute_script("return [sessionStorage.length, localStorage.length, document.cookie]")
        check(stored == [0, 0, ""], f"nothing is left in the browser ({stored})")
    finally:
        driver.quit()

    # A phone: 320 px wide, no sideways scrolling, the reply readable.
    driver = browser(320)
    try:
        driver.set_window_size(320, 800)
        driver.get(BASE + "/")
        say(driver, "ik heb schulden en kan de huur niet betalen")
        wide = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        check(wide[0] <= wide[1], f"at 320 px nothing scrolls sideways ({wide})")
        driver.save_screenshot(os.path.join(OUT, "page-320.png"))
        driver.execute_script("document.body.style.zoom = '200%'")
        wide = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        check(wide[0] <= wide[1], f"at 320 px and 200 % zoom nothing scrolls sideways either ({wide})")
        driver.save_screenshot(os.path.join(OUT, "page-320-zoom-200.png"))
        axe_check(driver, "at 320 px")
        driver.get(BASE + "/widget")
        check(driver.find_element(By.CSS_SELECTOR, "body").get_attribute("class") == "widget", "the widget variant loads")
    finally:
        driver.quit()
    print("all checks passed")


main()
