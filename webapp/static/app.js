// investbot Mini App. Plain JavaScript, no framework. Every text from the
// knowledge base or the server goes into the page with textContent (el()
// below), never as HTML, so it cannot inject markup or script.
"use strict";

(function () {
  const LANGS = ["en", "vi", "ja", "ko"];

  // --- Telegram: initData and theme -------------------------------------
  // Telegram opens the page with #tgWebAppData=...&tgWebAppThemeParams=...
  // The fragment is read once and removed from the address, so that the
  // initData does not linger in history; the tab keeps it for reloads.
  const hash = new URLSearchParams(location.hash.slice(1));
  const tgApp = window.Telegram && window.Telegram.WebApp;
  let initData = (tgApp && tgApp.initData) || hash.get("tgWebAppData") || sessionStorage.getItem("initData") || "";
  let themeRaw = hash.get("tgWebAppThemeParams") || sessionStorage.getItem("theme") || "";
  sessionStorage.setItem("initData", initData);
  if (themeRaw) sessionStorage.setItem("theme", themeRaw);
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);

  // The client session binds this initData to this tab (the server refuses
  // the same initData from another client).
  let client = sessionStorage.getItem("client");
  if (!client) {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    client = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    sessionStorage.setItem("client", client);
  }

  function applyTheme(sent) {
    let p = sent || (tgApp && tgApp.themeParams) || null;
    if (!p && themeRaw) { try { p = JSON.parse(themeRaw); } catch (e) { p = null; } }
    if (!p) return;
    const map = { bg_color: "bg", text_color: "text", hint_color: "hint", link_color: "link", button_color: "button",
      button_text_color: "button-text", secondary_bg_color: "secondary-bg", destructive_text_color: "destructive" };
    const root = document.documentElement;
    for (const k in map) {
      if (typeof p[k] === "string" && /^#[0-9a-fA-F]{3,8}$/.test(p[k])) root.style.setProperty("--tg-" + map[k], p[k]);
    }
    root.classList.add("tg-theme");
  }

  // Telegram announces a theme switch while the page is open: mobile
  // clients call Telegram.WebView.receiveEvent, the web client posts a
  // message.
  function onTelegramEvent(type, data) {
    if (type === "theme_changed" && data && data.theme_params) applyTheme(data.theme_params);
  }
  window.Telegram = window.Telegram || {};
  window.Telegram.WebView = window.Telegram.WebView || { receiveEvent: onTelegramEvent };
  window.addEventListener("message", (e) => {
    try { const m = JSON.parse(e.data); onTelegramEvent(m.eventType, m.eventData); } catch (err) { /* not Telegram's */ }
  });

  // postEvent speaks Telegram's Mini App protocol directly (what
  // telegram-web-app.js does), so the page loads no third-party script.
  function postEvent(type, data) {
    const payload = JSON.stringify(data || {});
    try {
      if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(type, payload);
      else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data || {} }), "*");
    } catch (e) { /* outside Telegram: nothing to tell */ }
  }
  function openChatLink(url) {
    const u = new URL(url);
    if (window.TelegramWebviewProxy || window.parent !== window) {
      postEvent("web_app_open_tg_link", { path_full: u.pathname + u.search });
      postEvent("web_app_close");
    } else {
      location.href = url;
    }
  }

  // --- texts ----------------------------------------------------------------
  let lang = "en";
  let T = {};
  function t(key, vars) {
    let s = key in T ? T[key] : key;
    if (vars) for (const k in vars) s = s.split("{" + k + "}").join(String(vars[k]));
    return s;
  }
  function pick(text) { // a knowledge-base Text in the page's language
    if (!text) return "";
    return text[lang] || text.en || LANGS.map((l) => text[l]).find(Boolean) || "";
  }
  async function loadTexts(l) {
    const r = await fetch("i18n/" + l + ".json");
    T = await r.json();
    lang = l;
    document.documentElement.lang = l;
    document.getElementById("lang").value = l;
  }

  // --- DOM ------------------------------------------------------------------
  function el(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else if (k === "class") n.className = v;
      else if (k === "value") n.value = v;
      else n.setAttribute(k, v === true ? "" : v);
    }
    for (const c of kids.flat(3)) {
      if (c === null || c === undefined || c === false) continue;
      n.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return n;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const n = document.createElementNS(SVG, tag);
    for (const k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  const main = () => document.getElementById("main");
  // put replaces parent's children with kids, arrays flattened and empty
  // values left out.
  function put(parent, ...kids) {
    parent.replaceChildren(...kids.flat(3).filter((n) => n !== null && n !== undefined && n !== false));
  }
  function show(...nodes) {
    put(main(), ...nodes);
    window.scrollTo(0, 0);
  }

  // --- API ------------------------------------------------------------------
  class APIError extends Error { constructor(status, body) { super(body && body.error || String(status)); this.status = status; this.body = body; } }
  async function api(path, opts) {
    opts = opts || {};
    const headers = { "X-Telegram-Init-Data": initData, "X-Client-Session": client };
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    const sep = path.includes("?") ? "&" : "?";
    const r = await fetch("api/" + path + sep + "lang=" + lang, {
      method: opts.method || "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new APIError(r.status, body);
    return body;
  }
  function failure(err) {
    if (err && err.status === 401) return el("p", { class: "error", id: "auth-error" }, t("error_auth"));
    if (err && err.status === 403) return el("p", { class: "error" }, t("error_forbidden"));
    return el("p", { class: "error" }, t("error_generic"));
  }

  // --- state ----------------------------------------------------------------
  let me = null;
  let tab = "zones";
  const views = {};

  function renderTabs() {
    const tabs = ["zones", "figures", "contact"];
    if (me && me.role === "admin") tabs.push("editor", "insights");
    document.getElementById("tabs").replaceChildren(...tabs.map((name) =>
      el("button", { class: name === tab ? "on" : "", id: "tab-" + name, onclick: () => go(name) }, t("tab_" + name))));
  }
  async function go(name) {
    tab = name;
    renderTabs();
    show(el("p", { class: "hint" }, t("loading")));
    try { await views[name](); } catch (err) { show(failure(err)); }
  }

  // --- zones ------------------------------------------------------------------
  let zones = [];
  const filter = { stage: "", country: "", type: "" };
  const compare = new Set();

  function zoneType(z) { return (z.zone && z.zone.tags && z.zone.tags[0]) || "other"; }
  function fmtNum(v) { return Number(v).toLocaleString(lang === "vi" ? "vi-VN" : lang); }
  function zoneFacts(z) {
    const f = z.zone || {};
    const area = pick(f.area_note) || (f.area_ha ? fmtNum(f.area_ha) + " ha" : "");
    const dev = f.developer ? f.developer + (f.developer_country ? " (" + f.developer_country + ")" : "") : "";
    const stage = pick(z.stage_name) + (f.stage_date ? " (" + f.stage_date + ")" : "");
    const loc = [f.host_park, f.commune, f.former_district].filter(Boolean).join(", ");
    const inv = f.investment_usd_m ? fmtNum(f.investment_usd_m) + " " + t("unit_usd_m") : "";
    return [["card_developer", dev], ["card_area", area], ["card_stage", stage], ["card_location", loc],
      ["card_investment", inv], ["card_sectors", pick(f.sectors)]];
  }
  function sourceLine(sources) {
    return el("p", { class: "source" }, t("source") + ": " +
      sources.map((s) => (pick(s.title) || s.ref) + " · " + t("as_of") + " " + s.as_of).join("; "));
  }
  function options(values, labelOf, current) {
    return [el("option", { value: "" }, t("all"))].concat(values.map((v) =>
      el("option", { value: v, selected: v === current }, labelOf(v))));
  }
  let zonesFirst = null; // fetched at start, with the texts
  views.zones = async function () {
    const data = await (zonesFirst || api("zones"));
    zonesFirst = null;
    zones = data.zones;
    drawZones();
  };
  function drawZones() {
    const stages = [...new Set(zones.map((z) => z.zone && z.zone.stage).filter(Boolean))];
    const countries = [...new Set(zones.map((z) => z.zone && z.zone.developer_country).filter(Boolean))].sort();
    const types = [...new Set(zones.map(zoneType))];
    const stageName = (s) => pick((zones.find((z) => z.zone && z.zone.stage === s) || {}).stage_name) || s;
    const sel = (key, values, labelOf) => el("div", null, el("label", { for: "f-" + key }, t("filter_" + key)),
      el("select", { id: "f-" + key, onchange: (e) => { filter[key] = e.target.value; drawZones(); } }, options(values, labelOf, filter[key])));
    const shown = zones.filter((z) => (!filter.stage || (z.zone && z.zone.stage === filter.stage)) &&
      (!filter.country || (z.zone && z.zone.developer_country === filter.country)) &&
      (!filter.type || zoneType(z) === filter.type));
    const cards = shown.map((z) => el("article", { class: "card", id: "zone-" + z.id.replace(/\./g, "-") },
      el("h2", null, pick(z.title)),
      el("dl", { class: "facts" }, zoneFacts(z).filter((f) => f[1]).map((f) => [el("dt", null, t(f[0])), el("dd", null, f[1])])),
      el("p", { class: "says" }, pick(z.answer)),
      sourceLine(z.sources),
      el("label", { class: "pick" }, el("input", { type: "checkbox", class: "cmp", "data-id": z.id, checked: compare.has(z.id),
        disabled: !compare.has(z.id) && compare.size >= 3,
        onchange: (e) => { if (e.target.checked) compare.add(z.id); else compare.delete(z.id); drawZones(); } }), t("compare_add"))));
    show(
      el("h1", null, t("zones_title")),
      el("div", { class: "filters" }, sel("stage", stages, stageName), sel("country", countries, (c) => c),
        sel("type", types, (x) => t("type_" + x))),
      el("p", { class: "hint", id: "zone-count" }, t("zones_count", { n: shown.length, total: zones.length })),
      cards,
      el("div", { class: "bar row" },
        el("button", { class: "primary", id: "compare", disabled: compare.size < 2, onclick: drawCompare }, t("compare_button", { n: compare.size })),
        compare.size ? el("button", { onclick: () => { compare.clear(); drawZones(); } }, t("clear")) : null,
        el("span", { class: "hint" }, t("compare_hint"))));
  }
  function drawCompare() {
    const picked = zones.filter((z) => compare.has(z.id));
    const rows = ["card_developer", "card_area", "card_stage", "card_location", "card_investment", "card_sectors"];
    const facts = picked.map((z) => Object.fromEntries(zoneFacts(z)));
    show(
      el("h1", null, t("compare_title")),
      el("div", { class: "table" }, el("table", { id: "compare-table" },
        el("thead", null, el("tr", null, el("th"), picked.map((z) => el("th", null, pick(z.title))))),
        el("tbody", null, rows.map((r) => el("tr", null, el("th", null, t(r)), facts.map((f) => el("td", null, f[r] || "–")))),
          el("tr", null, el("th", null, t("source")), picked.map((z) => el("td", { class: "source" },
            z.sources.map((s) => (pick(s.title) || s.ref) + " · " + s.as_of).join("; "))))))),
      el("p", null, el("button", { onclick: drawZones }, t("back"))));
  }

  // --- figures ----------------------------------------------------------------
  const UNIT_SCALE = { usd_bn: 1e9, usd_m: 1e6, percent: 1, count: 1 };
  function figureValue(f) { return fmtNum(f.value) + " " + t("unit_" + f.unit); }
  function chartSVG(ch) {
    const W = 340, rowH = 46, top = 4;
    const max = Math.max(...ch.figures.map((f) => f.value * UNIT_SCALE[f.unit]));
    const s = svg("svg", { viewBox: "0 0 " + W + " " + (top + rowH * ch.figures.length), role: "img" });
    ch.figures.forEach((f, i) => {
      const y = top + i * rowH;
      const share = ch.measure === "percent" ? f.value / 100 : f.value * UNIT_SCALE[f.unit] / max;
      const w = Math.max(2, (W - 8) * share);
      s.append(svg("text", { x: 0, y: y + 11 }, pick(f.label) + (f.period ? " · " + f.period : "")));
      s.append(svg("rect", { class: "barfill", x: 0, y: y + 15, width: Math.min(w, W - 8), height: 12, rx: 3 }));
      s.append(svg("text", { x: 0, y: y + 40, class: "muted" }, figureValue(f) + " · " + t("as_of") + " " + f.source.as_of));
    });
    return s;
  }
  views.figures = async function () {
    const data = await api("figures");
    show(el("h1", null, t("figures_title")), el("p", { class: "hint" }, t("figures_note")),
      data.charts.map((ch) => el("section", { class: "card chart", "data-chart": ch.chart },
        el("h2", null, t("chart_" + ch.chart) + " · " + t("measure_" + ch.measure)), chartSVG(ch),
        el("ul", { class: "source" }, ch.figures.map((f) => el("li", null, pick(f.label) + ": " + figureValue(f) + " (" + t("source") + ": " + (pick(f.source.title) || f.source.ref) + ", " + t("as_of") + " " + f.source.as_of + ")"))))));
  };

  // --- contact (lead form) -------------------------------------------------------
  views.contact = async function () {
    const form = await api("lead");
    const inputs = {};
    const fields = form.fields.map((f) => {
      const id = "lead-" + f.key;
      const err = el("p", { class: "error", id: id + "-error" });
      let control;
      const text = el("input", { id: id, name: f.key, placeholder: f.prompt, autocomplete: "off" });
      if (f.choices && f.choices.length) {
        const select = el("select", { id: id + "-choice", onchange: () => { text.hidden = select.value !== ""; } },
          el("option", { value: "" }, t("other")), f.choices.map((c) => el("option", { value: c.value }, c.label)));
        control = [select, text];
        inputs[f.key] = () => select.value || text.value;
      } else {
        control = [text];
        inputs[f.key] = () => text.value;
      }
      return el("div", null, el("label", { for: id }, f.label), control, el("p", { class: "hint" }, f.prompt), err);
    });
    const consent = el("input", { type: "checkbox", id: "lead-consent" });
    const status = el("p", { id: "lead-status" });
    const submit = el("button", { class: "primary", id: "lead-submit", onclick: async () => {
      status.textContent = "";
      status.className = "";
      document.querySelectorAll("[id$=-error]").forEach((n) => { n.textContent = ""; });
      if (!consent.checked) { status.className = "error"; status.textContent = t("consent_needed"); return; }
      const values = {};
      for (const k in inputs) values[k] = inputs[k]();
      submit.disabled = true;
      try {
        const r = await api("lead", { method: "POST", body: { values, consent: true } });
        status.className = "okmsg";
        status.textContent = t("sent", { id: r.id });
      } catch (err) {
        if (err.status === 422 && err.body && err.body.problems) {
          for (const k in err.body.problems) {
            const n = document.getElementById("lead-" + k + "-error");
            if (n) n.textContent = err.body.problems[k];
          }
          status.className = "error";
          status.textContent = t("fix_fields");
        } else if (err.status === 429) {
          status.className = "error";
          status.textContent = t("too_soon");
        } else {
          put(status, failure(err));
        }
      } finally { submit.disabled = false; }
    } }, t("submit"));
    show(el("h1", null, t("contact_title")), el("p", null, t("contact_intro")),
      me && me.desk_link ? el("p", null, el("button", { id: "desk", onclick: () => openChatLink(me.desk_link) }, t("desk_button"))) : null,
      fields,
      el("p", { class: "hint", id: "consent-text" }, form.consent),
      el("label", { class: "pick" }, consent, t("consent_label")),
      el("p", null, submit), status);
  }

  // --- admin: editor ------------------------------------------------------------
  views.editor = async function () {
    const q = el("input", { id: "search", type: "search", placeholder: t("search") });
    const list = el("div", { class: "list", id: "entry-list" });
    const draw = async () => {
      const data = await api("admin/entries?q=" + encodeURIComponent(q.value));
      put(list, el("p", { class: "hint" }, t("entries_count", { n: data.entries.length })),
        data.entries.map((e) => el("button", { "data-id": e.id, onclick: () => openEntry(e.id) },
          el("strong", null, pick(e.title)), el("br"), el("span", { class: "hint" }, e.id + " · " + t("as_of") + " " + e.as_of))));
    };
    let timer = 0;
    q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(draw, 250); });
    const versions = el("section", { id: "versions" });
    const drafts = el("section", { id: "drafts" });
    show(el("h1", null, t("tab_editor")), q, list, drafts, versions);
    await draw();
    await drawDrafts(drafts);
    await drawVersions(versions);
  };
  async function drawVersions(box) {
    const data = await api("admin/versions");
    put(box, el("h2", null, t("versions")), data.versions.length ? el("table", null, el("tbody", null,
      data.versions.slice(0, 15).map((v, i) => el("tr", null, el("td", null, "v" + v.n), el("td", { class: "hint" }, v.at.slice(0, 16).replace("T", " ")),
        el("td", null, v.summary), el("td", null, i === 0 ? "" : el("button", { class: "rollback", "data-n": v.n, onclick: async () => {
          if (!confirm(t("rollback_confirm", { n: v.n }))) return;
          try { const r = await api("admin/rollback", { method: "POST", body: { n: v.n } }); alertLine(box, t("rollback_done", { n: r.version.n, from: v.n })); await drawVersions(box); } catch (err) { box.append(failure(err)); }
        } }, t("rollback"))))))) : el("p", { class: "hint" }, t("no_versions")));
  }
  function alertLine(box, text) { box.prepend(el("p", { class: "okmsg" }, text)); }
  async function drawDrafts(box) {
    const data = await api("admin/drafts");
    put(box, el("h2", null, t("drafts")), data.drafts.length ? data.drafts.map((d) => el("div", { class: "card" },
      el("p", { class: "hint" }, d.id + " · " + d.lang.toUpperCase() + (d.ticket_id ? " · #" + d.ticket_id : "")),
      el("p", null, el("strong", null, d.question)), el("p", { class: "says" }, d.answer),
      el("div", { class: "row" }, ["approve", "reject"].map((verb) => el("button", { onclick: async () => {
        try {
          const r = await api("admin/drafts/" + encodeURIComponent(d.id) + "/" + verb, { method: "POST", body: {} });
          await drawDrafts(box);
          if (r.yaml) box.append(el("p", { class: "hint" }, t("draft_skeleton")), el("pre", { class: "diff" }, r.yaml));
        } catch (err) { box.append(failure(err)); }
      } }, t(verb)))))) : el("p", { class: "hint" }, t("no_drafts")));
  }

  // The editor keeps the entry as the server sent it and edits its fields
  // in place; every change is validated by the server (the same validator
  // as `kb validate`) after a short pause.
  async function openEntry(id) {
    const data = await api("admin/entries/" + encodeURIComponent(id));
    const entry = data.entry;
    const base = data.kb_version;
    const problems = el("div", { id: "problems" });
    const preview = el("div", { id: "preview" });
    const diff = el("div", { id: "diff" });
    const status = el("p", { id: "publish-status" });
    let timer = 0;
    const changed = () => { clearTimeout(timer); timer = setTimeout(check, 400); };
    const langsRow = (field, opts) => el("div", { class: "langs" }, LANGS.map((l) => {
      const ta = el("textarea", { id: field + "-" + l, "data-lang": l, rows: opts.rows || 3 });
      ta.value = opts.get(l);
      ta.addEventListener("input", () => { opts.set(l, ta.value); changed(); });
      return el("div", null, el("span", null, l.toUpperCase()), ta);
    }));
    entry.title = entry.title || {};
    entry.answer = entry.answer || {};
    entry.examples = entry.examples || {};
    const listField = (key) => {
      const inp = el("input", { id: key });
      inp.value = (entry[key] || []).join(", ");
      inp.addEventListener("input", () => { entry[key] = inp.value.split(",").map((s) => s.trim()).filter(Boolean); changed(); });
      return inp;
    };
    const sourcesBox = el("div", { id: "sources" });
    const drawSources = () => put(sourcesBox, ...(entry.sources || []).map((s, i) => el("div", { class: "card" },
      ["ref", "as_of", "note"].map((k) => {
        const inp = el("input", { id: "source-" + i + "-" + k, placeholder: k });
        inp.value = s[k] || "";
        inp.addEventListener("input", () => { s[k] = inp.value; changed(); });
        return el("div", null, el("span", { class: "hint" }, t("source_" + k)), inp);
      }),
      // The title investors read is per language, like every text.
      LANGS.map((l) => {
        const inp = el("input", { id: "source-" + i + "-title-" + l, placeholder: "title " + l });
        inp.value = (s.title && s.title[l]) || "";
        inp.addEventListener("input", () => { s.title = Object.assign({}, s.title, { [l]: inp.value }); changed(); });
        return el("div", null, el("span", { class: "hint" }, t("source_title") + " (" + l + ")"), inp);
      }),
      el("button", { class: "danger", onclick: () => { entry.sources.splice(i, 1); drawSources(); changed(); } }, t("remove")))),
      el("button", { onclick: () => { (entry.sources = entry.sources || []).push({ ref: "", as_of: "" }); drawSources(); changed(); } }, t("add_source")));
    drawSources();
    // Structured blocks: texts with the four languages side by side,
    // other fields as inputs named as in the YAML. A block is created by
    // its first value and removed when emptied, so that an untouched
    // entry keeps none.
    const block = (owner, key) => ({
      get: () => owner[key] || {},
      set: (f, v) => {
        const b = owner[key] || (owner[key] = {});
        if (v === undefined) delete b[f]; else b[f] = v;
        if (!Object.keys(b).length) delete owner[key];
      },
    });
    const scalarInput = (id, b, f, kind, choices) => {
      const cur = b.get()[f];
      let inp;
      if (choices) {
        inp = el("select", { id }, el("option", { value: "" }, "–"), choices.map((c) => el("option", { value: c, selected: c === cur }, c)));
      } else {
        inp = el("input", { id, type: kind === "number" ? "number" : "text", step: "any" });
        inp.value = cur === undefined ? "" : kind === "list" ? cur.join(", ") : cur;
      }
      const read = () => {
        const v = inp.value.trim();
        if (v === "") return undefined;
        if (kind === "number") return Number(v);
        if (kind === "list") return v.split(",").map((x) => x.trim()).filter(Boolean);
        return v;
      };
      inp.addEventListener(choices ? "change" : "input", () => { b.set(f, read()); changed(); });
      return el("div", null, el("span", { class: "hint" }, f), inp);
    };
    const textRow = (id, b, f) => el("div", null, el("span", { class: "hint" }, f), langsRow(id, { rows: 2,
      get: (l) => (b.get()[f] || {})[l] || "",
      set: (l, v) => { const tx = Object.assign({}, b.get()[f] || {}); if (v) tx[l] = v; else delete tx[l]; b.set(f, Object.keys(tx).length ? tx : undefined); } }));
    const structured = el("div", { id: "structured" });
    if (entry.kind === "zone" || entry.zone) {
      const b = block(entry, "zone");
      structured.append(el("h3", null, "zone"),
        el("div", { class: "filters" }, [["developer"], ["developer_country"], ["stage", "", ["planned", "approved", "under_construction", "operating"]],
          ["stage_date"], ["area_ha", "number"], ["investment_usd_m", "number"], ["commune"], ["former_district"], ["host_park"], ["tags", "list"]]
          .map(([f, kind, choices]) => scalarInput("zone-" + f, b, f, kind, choices))),
        ["area_note", "sectors", "infrastructure"].map((f) => textRow("zone-" + f, b, f)));
    }
    if (entry.kind === "contact" || entry.contact) {
      const b = block(entry, "contact");
      structured.append(el("h3", null, "contact"),
        el("div", { class: "filters" }, ["phone", "email", "web"].map((f) => scalarInput("contact-" + f, b, f))),
        ["organisation", "role", "address"].map((f) => textRow("contact-" + f, b, f)));
    }
    const figuresBox = el("div", { id: "figures" });
    const drawFigures = () => put(figuresBox, el("h3", null, "figures"), (entry.figures || []).map((fig, i) => {
      const b = { get: () => fig, set: (f, v) => { if (v === undefined) delete fig[f]; else fig[f] = v; } };
      return el("div", { class: "card" },
        el("div", { class: "filters" }, scalarInput("figure-" + i + "-chart", b, "chart", "", ["fdi", "exports", "partners", "targets"]),
          scalarInput("figure-" + i + "-value", b, "value", "number"), scalarInput("figure-" + i + "-unit", b, "unit", "", ["usd_bn", "usd_m", "percent", "count"]),
          scalarInput("figure-" + i + "-period", b, "period"), scalarInput("figure-" + i + "-source", b, "source", "", (entry.sources || []).map((x) => x.ref).filter(Boolean))),
        textRow("figure-" + i + "-label", b, "label"),
        el("button", { class: "danger", onclick: () => { entry.figures.splice(i, 1); if (!entry.figures.length) delete entry.figures; drawFigures(); changed(); } }, t("remove")));
    }), el("button", { onclick: () => { (entry.figures = entry.figures || []).push({ chart: "fdi", unit: "count", label: {} }); drawFigures(); changed(); } }, t("add_figure")));
    drawFigures();
    structured.append(figuresBox);
    const publish = el("button", { class: "primary", id: "publish", onclick: async () => {
      publish.disabled = true;
      status.textContent = "";
      try {
        const r = await api("admin/publish", { method: "POST", body: { base, entry } });
        status.className = "okmsg";
        status.textContent = t("published", { n: r.version.n });
        // Example questions that now land on another entry: the chat's
        // upload report says the same.
        if (r.new_failing > 0) status.append(el("pre", { class: "diff" }, r.report));
      } catch (err) {
        status.className = "error";
        if (err.status === 422 && err.body && err.body.problems) drawProblems(err.body.problems);
        status.textContent = err.status === 409 ? t("stale_base") : err.status === 422 ? t("validation_problems") : failure(err).textContent;
      } finally { publish.disabled = false; }
    } }, t("publish"));
    function drawProblems(ps) {
      put(problems, ps.length ? el("div", null, el("p", { class: "error" }, t("validation_problems")),
        el("ul", { class: "problems" }, ps.map((p) => el("li", null, p.entry ? p.entry + ": " + p.msg : p.msg))))
        : el("p", { class: "okmsg", id: "valid" }, t("validation_ok")));
    }
    async function check() {
      try {
        const r = await api("admin/validate", { method: "POST", body: { base, entry } });
        drawProblems(r.problems);
        publish.disabled = r.problems.length > 0;
        put(preview, el("h3", null, t("preview")), el("div", { class: "langs" }, LANGS.map((l) =>
          el("div", { class: "preview", id: "preview-" + l }, el("strong", null, r.preview[l].Title), "\n", r.preview[l].Text))));
        const changes = r.diff.filter((d) => d.op === "+" || d.op === "-").length;
        put(diff, el("h3", null, t("diff")), changes ? el("pre", { class: "diff" }, r.diff.map((d) =>
          el("span", { class: d.op === "+" ? "add" : d.op === "-" ? "del" : "" }, (d.op === "…" ? "…" : d.op + " " + d.text) + "\n")))
          : el("p", { class: "hint" }, t("no_changes")));
        if (r.stale_base) status.textContent = t("stale_base");
      } catch (err) { put(problems, failure(err)); }
    }
    show(
      el("p", null, el("button", { onclick: () => go("editor") }, t("back"))),
      el("h1", null, entry.id), el("p", { class: "hint" }, data.file),
      el("label", null, t("field_title")), langsRow("title", { get: (l) => entry.title[l] || "", set: (l, v) => { entry.title[l] = v; } }),
      el("label", null, t("field_answer")), langsRow("answer", { rows: 7, get: (l) => entry.answer[l] || "", set: (l, v) => { entry.answer[l] = v; } }),
      el("label", null, t("field_examples")), langsRow("examples", { rows: 6, get: (l) => (entry.examples[l] || []).join("\n"),
        set: (l, v) => { entry.examples[l] = v.split("\n").map((s) => s.trim()).filter(Boolean); } }),
      el("label", { for: "keywords" }, t("field_keywords")), listField("keywords"),
      el("label", { for: "names" }, t("field_names")), listField("names"),
      el("label", null, t("field_sources")), sourcesBox,
      el("label", null, t("field_structured")), structured,
      problems, preview, diff,
      el("div", { class: "bar" }, publish, status));
    await check();
  }

  // --- admin: insights ------------------------------------------------------------
  views.insights = async function () {
    const r = await api("admin/insights?days=30");
    const st = r.stats;
    const max = Math.max(1, ...st.days.map((d) => d.messages));
    const W = 340, H = 90, bw = W / Math.max(1, st.days.length);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + (H + 14), role: "img" });
    st.days.forEach((d, i) => {
      const h = (H - 4) * d.messages / max;
      chart.append(svg("rect", { class: "barfill", x: i * bw + 1, y: H - h, width: Math.max(1, bw - 2), height: h }));
    });
    chart.append(svg("text", { x: 0, y: H + 12, class: "muted" }, st.days.length ? st.days[0].date : ""));
    chart.append(svg("text", { x: W, y: H + 12, class: "muted", "text-anchor": "end" }, st.days.length ? st.days[st.days.length - 1].date : ""));
    show(el("h1", null, t("tab_insights")),
      el("section", { class: "card", id: "stats" }, el("h2", null, t("stats", { days: r.days })),
        el("dl", { class: "facts" },
          el("dt", null, t("messages")), el("dd", null, st.messages),
          el("dt", null, t("answered")), el("dd", null, st.answered + " (" + Math.round(100 * st.answer_rate) + "%)"),
          el("dt", null, t("handoffs")), el("dd", null, st.handoffs_opened + " / " + st.handoffs_closed),
          el("dt", null, t("leads")), el("dd", null, st.leads),
          el("dt", null, t("by_language")), el("dd", null, LANGS.map((l) => l.toUpperCase() + " " + ((st.langs || {})[l] || 0)).join(" · "))),
        chart,
        st.top_intents && st.top_intents.length ? el("p", { class: "hint" }, t("top_intents") + ": " + st.top_intents.map((kv) => kv.Key + " " + kv.Count).join(", ")) : null),
      el("section", { id: "unanswered" }, el("h2", null, t("unanswered", { days: r.days })),
        r.unanswered.length ? el("ul", null, r.unanswered.map((g) => el("li", null, g.count + "× [" + g.lang.toUpperCase() + "] " + g.text,
          g.variants && g.variants.length ? el("span", { class: "hint" }, " — " + g.variants.join(" | ")) : null)))
          : el("p", { class: "hint" }, t("no_unanswered"))));
  };

  // --- start ------------------------------------------------------------------
  async function start() {
    applyTheme();
    postEvent("web_app_ready");
    postEvent("web_app_expand");
    const asked = new URLSearchParams(location.search).get("lang");
    const user = (() => { try { return JSON.parse(new URLSearchParams(initData).get("user") || "{}"); } catch (e) { return {}; } })();
    const first = [asked, user.language_code && user.language_code.slice(0, 2)].find((l) => LANGS.includes(l)) || "en";
    lang = first;
    // Texts, identity and zones are fetched together: on a slow link each
    // round trip costs more than the bytes.
    const texts = loadTexts(first);
    const who = api("me");
    zonesFirst = api("zones");
    zonesFirst.catch(() => {}); // reported by the zones view, if it is shown
    await texts;
    document.getElementById("lang").addEventListener("change", async (e) => { await loadTexts(e.target.value); renderTabs(); go(tab); });
    try {
      me = await who;
    } catch (err) {
      renderTabs();
      show(failure(err));
      return;
    }
    renderTabs();
    await go("zones");
    document.body.dataset.ready = "1";
    performance.mark("ready"); // the zones are on screen: the benchmark's first render
  }
  start();
})();
