/// The chat page `serve` offers at `/` (and, for embedding in a gemeente's site, at `/widget`): HTML,
/// CSS and plain JavaScript written here, served from this binary with no external asset. Scripts and
/// styles are their own same-origin files, so the Content-Security-Policy needs no inline exception.
/// The page talks to `POST /v1/page/messages`; it keeps only a session id, in `sessionStorage`.
enum WebPage {
    /// The page; `widget` drops the header and footer text, for a frame on another site.
    static func html(widget: Bool) -> String {
        html.replacing("__MODE__", with: widget ? "widget" : "pagina")
    }

    private static let html = #"""
        <!doctype html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Routewijzer: waar kunt u terecht met uw vraag over zorg of ondersteuning?</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body class="__MODE__">
        <a class="overslaan" href="#bericht">Direct naar het invoerveld</a>
        <header class="kop">
          <h1>Routewijzer</h1>
          <p>Vertel in uw eigen woorden waar u hulp bij zoekt. Ik stel een paar vragen en zeg waar u terecht kunt.</p>
        </header>
        <main>
          <h2 class="verborgen" id="gesprek-kop">Gesprek</h2>
          <div id="gesprek" class="gesprek" role="log" aria-live="polite" aria-labelledby="gesprek-kop"></div>
          <form id="invoer" class="invoer" autocomplete="off" novalidate>
            <label for="bericht">Uw bericht</label>
            <textarea id="bericht" name="bericht" rows="3" maxlength="4000" aria-describedby="uitleg"></textarea>
            <p id="uitleg" class="uitleg">Enter verstuurt uw bericht. Met Shift en Enter begint u een nieuwe regel.</p>
            <div class="knoppen">
              <button type="submit" id="verstuur">Versturen</button>
              <button type="button" id="vergeet" class="tweede">Vergeet mij</button>
            </div>
          </form>
          <p id="status" class="status" role="status"></p>
        </main>
        <footer class="voet">
          <p><strong>Direct gevaar?</strong> Bel <a href="tel:112">112</a>. Denkt u aan zelfdoding? Bel <a href="tel:113">113</a> of <a href="tel:08000113">0800-0113</a>, gratis.</p>
          <p>Dit is een advies, geen besluit. Uw browser bewaart alleen een gespreksnummer, tot u dit venster sluit. Met 'Vergeet mij' wist u het gesprek.</p>
        </footer>
        </body>
        </html>
        """#

    static let css = #"""
        :root { --tekst: #1b1b1b; --achter: #ffffff; --zacht: #f3f2f1; --blauw: #0b4f8a; --rood: #a4161a; --focus: #ffbf47; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0 auto; max-width: 46rem; padding: 1rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
          font-size: 1.0625rem; line-height: 1.55; color: var(--tekst); background: var(--achter); overflow-wrap: anywhere; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
        a { color: var(--blauw); text-decoration: underline; }
        a:focus, button:focus, textarea:focus, .bericht:focus { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--tekst); }
        .overslaan { position: absolute; left: -9999px; }
        .overslaan:focus { position: static; display: inline-block; padding: .5rem; background: var(--focus); color: var(--tekst); }
        .verborgen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .gesprek { margin: 1rem 0; }
        .gesprek > .bericht { margin: 0 0 .75rem; padding: .75rem 1rem; border-radius: .5rem; }
        .gesprek > .bericht.u { background: var(--zacht); margin-left: 15%; }
        .gesprek > .bericht.u::before { content: "U: "; font-weight: bold; }
        .gesprek > .bericht.routewijzer { border: 1px solid #b1b4b6; }
        .gesprek p { margin: 0 0 .5rem; }
        .gesprek p:last-child { margin-bottom: 0; }
        .keuzes { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 0; padding: 0; list-style: none; }
        button { font: inherit; min-height: 2.75rem; padding: .5rem 1rem; border: 2px solid var(--blauw); border-radius: .35rem;
          background: var(--blauw); color: #ffffff; cursor: pointer; }
        button.tweede, .keuzes button { background: var(--achter); color: var(--blauw); }
        button:disabled { opacity: .6; cursor: default; }
        .kaart { border-left: 6px solid var(--blauw); background: var(--zacht); padding: .75rem 1rem; margin: .5rem 0; }
        .kaart dl { margin: 0; }
        .kaart dt { font-weight: bold; }
        .kaart dd { margin: 0 0 .4rem; }
        .crisis { border: 3px solid var(--rood); border-left-width: 10px; background: #fdf0f0; padding: .75rem 1rem; margin: .5rem 0; }
        .crisis h3::before { content: "! "; }
        .crisis .kaart { border-left-color: var(--rood); background: var(--achter); }
        .samenvatting { white-space: pre-wrap; }
        .invoer label { display: block; font-weight: bold; margin-bottom: .25rem; }
        textarea { display: block; width: 100%; font: inherit; padding: .5rem; border: 2px solid var(--tekst); border-radius: .25rem; }
        .uitleg { font-size: .95rem; margin: .25rem 0 .5rem; }
        .knoppen { display: flex; flex-wrap: wrap; gap: .5rem; }
        .status { min-height: 1.5em; font-weight: bold; }
        .voet { border-top: 1px solid #b1b4b6; margin-top: 1.5rem; font-size: .95rem; }
        body.widget .kop p, body.widget .voet p + p { display: none; }
        body.widget .kop h1 { font-size: 1.25rem; }
        @media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; scroll-behavior: auto !important; } }
        @media print {
          .invoer, .status, .overslaan, .kop p, .keuzes, .gesprek > .bericht.u, .gesprek > .bericht:not(.met-samenvatting), .samenvatting-knoppen { display: none !important; }
          .gesprek > .bericht { border: none; }
        }
        """#

    static let javascript = #"""
        "use strict";
        (() => {
          const gesprek = document.getElementById("gesprek");
          const formulier = document.getElementById("invoer");
          const veld = document.getElementById("bericht");
          const status = document.getElementById("status");
          const knoppen = [document.getElementById("verstuur"), document.getElementById("vergeet")];
          const sleutel = "routewijzer-sessie";

          function sessie() {
            let id = sessionStorage.getItem(sleutel);
            if (!id) {
              id = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
              sessionStorage.setItem(sleutel, id);
            }
            return id;
          }

          // Phone numbers and web addresses in a text become links; everything else stays text (no HTML is ever parsed).
          const patroon = /(https?:\/\/[^\s)]+[^\s).,;])|(\b0800[- ]?\d{4}\b|\b0900[- ]?\d{4}\b|\b088[- ]?\d{3}[- ]?\d{2}[- ]?\d{2}\b|\b088[- ]?\d{3}[- ]?\d{4}\b|\b14 ?0\d{2,3}\b|\b11[23]\b)/g;
          function metLinks(tekst) {
            const stuk = document.createDocumentFragment();
            let vanaf = 0;
            for (const gevonden of tekst.matchAll(patroon)) {
              stuk.append(tekst.slice(vanaf, gevonden.index));
              const a = document.createElement("a");
              a.textContent = gevonden[0];
              if (gevonden[1]) { a.href = gevonden[1]; a.rel = "noopener noreferrer"; } else { a.href = "tel:" + gevonden[0].replace(/\D/g, ""); }
              stuk.append(a);
              vanaf = gevonden.index + gevonden[0].length;
            }
            stuk.append(tekst.slice(vanaf));
            return stuk;
          }

          function alinea(tekst) {
            const p = document.createElement("p");
            p.append(metLinks(tekst));
            return p;
          }

          function kaart(k) {
            const div = document.createElement("div");
            div.className = "kaart";
            const kop = document.createElement("h3");
            kop.textContent = k.name;
            const lijst = document.createElement("dl");
            const velden = [["Waarom", k.why], ["Contact", k.contact]];
            if (k.bring.length) velden.push(["Neem mee", k.bring.join("; ")]);
            for (const [naam, waarde] of velden) {
              const dt = document.createElement("dt");
              dt.textContent = naam;
              const dd = document.createElement("dd");
              dd.append(metLinks(waarde));
              lijst.append(dt, dd);
            }
            div.append(kop, lijst);
            return div;
          }

          function bericht(klasse) {
            const blok = document.createElement("div");
            blok.className = "bericht " + klasse;
            gesprek.append(blok);
            return blok;
          }

          function toonGebruiker(tekst) {
            bericht("u").append(alinea(tekst));
          }

          // One turn: the replies as text (the compact cards are shown from "cards" instead), choices as
          // buttons, a crisis first and unmissable, the summary with copy and print.
          function toonBeurt(beurt) {
            const vak = bericht("routewijzer");
            vak.tabIndex = -1;
            if (beurt.safety === "alarm" && beurt.cards.length) {
              const crisis = document.createElement("section");
              crisis.className = "crisis";
              crisis.setAttribute("role", "alert");
              const kop = document.createElement("h3");
              kop.textContent = "Veiligheid eerst";
              crisis.append(kop);
              for (const k of beurt.cards) crisis.append(kaart(k));
              vak.append(crisis);
            }
            for (const antwoord of beurt.replies) {
              if (antwoord.text.startsWith("\u25B8 ")) continue;
              if (antwoord.text.startsWith("Samenvatting van uw gesprek")) {
                vak.classList.add("met-samenvatting");
                vak.append(samenvatting(antwoord.text));
              } else {
                for (const regel of antwoord.text.split("\n")) if (regel.trim()) vak.append(alinea(regel));
              }
              if (antwoord.options.length) vak.append(keuzes(antwoord.options));
            }
            if (beurt.safety !== "alarm") for (const k of beurt.cards) vak.append(kaart(k));
            vak.focus();
            if (beurt.ended) sessionStorage.removeItem(sleutel);
          }

          function keuzes(opties) {
            const ul = document.createElement("ul");
            ul.className = "keuzes";
            for (const optie of opties) {
              const item = document.createElement("li");
              const knop = document.createElement("button");
              knop.type = "button";
              knop.textContent = optie.label;
              knop.addEventListener("click", () => verstuur(optie.value, optie.label));
              item.append(knop);
              ul.append(item);
            }
            return ul;
          }

          function samenvatting(tekst) {
            const blok = document.createElement("section");
            blok.setAttribute("aria-label", "Samenvatting");
            const pre = document.createElement("p");
            pre.className = "samenvatting";
            pre.append(metLinks(tekst));
            const rij = document.createElement("div");
            rij.className = "knoppen samenvatting-knoppen";
            const kopieer = document.createElement("button");
            kopieer.type = "button";
            kopieer.textContent = "Kopieer de samenvatting";
            kopieer.addEventListener("click", async () => {
              try { await navigator.clipboard.writeText(tekst); status.textContent = "De samenvatting is gekopieerd."; }
              catch { status.textContent = "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf."; }
            });
            const print = document.createElement("button");
            print.type = "button";
            print.className = "tweede";
            print.textContent = "Print de samenvatting";
            print.addEventListener("click", () => window.print());
            rij.append(kopieer, print);
            blok.append(pre, rij);
            return blok;
          }

          async function verstuur(tekst, getoond) {
            tekst = tekst.trim();
            if (!tekst) { status.textContent = "Typ eerst uw bericht."; veld.focus(); return; }
            toonGebruiker(getoond || tekst);
            status.textContent = "Even geduld…";
            for (const knop of knoppen) knop.disabled = true;
            try {
              const antwoord = await fetch("/v1/page/messages", {
                method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
                body: JSON.stringify({ session: sessie(), text: tekst }),
              });
              if (antwoord.ok) {
                status.textContent = "";
                toonBeurt(await antwoord.json());
              } else if (antwoord.status === 401) {
                status.textContent = "Deze pagina is hier niet openbaar. Vraag de beheerder van deze website om hulp.";
              } else if (antwoord.status === 503) {
                status.textContent = "Het lukt nu even niet. Probeer het over een paar seconden opnieuw.";
              } else {
                status.textContent = "Dat ging mis. Probeer het opnieuw, of bel bij direct gevaar 112.";
              }
            } catch {
              status.textContent = "Er is geen verbinding. Probeer het opnieuw, of bel bij direct gevaar 112.";
            } finally {
              for (const knop of knoppen) knop.disabled = false;
            }
          }

          formulier.addEventListener("submit", (gebeurtenis) => {
            gebeurtenis.preventDefault();
            const tekst = veld.value;
            veld.value = "";
            verstuur(tekst);
          });
          veld.addEventListener("keydown", (gebeurtenis) => {
            if (gebeurtenis.key === "Enter" && !gebeurtenis.shiftKey) { gebeurtenis.preventDefault(); formulier.requestSubmit(); }
          });
          document.getElementById("vergeet").addEventListener("click", async () => {
            await verstuur("vergeet mij", "Vergeet mij");
            sessionStorage.removeItem(sleutel);
            // What the person asked to forget leaves the screen too; only the confirmation stays.
            while (gesprek.children.length > 1) gesprek.firstElementChild.remove();
          });
        })();
        """#
}
