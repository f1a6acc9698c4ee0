// drama studio: the little JavaScript the server-rendered pages need. No build step.
"use strict";
(function () {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const TOKEN = meta("studio-token");
  let generation = Number(meta("studio-generation"));
  const EPISODE = meta("studio-episode");
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const stateKey = `drama-studio:${location.pathname}`;

  function say(text, isError) {
    const box = $("#message");
    box.textContent = text;
    box.className = isError ? "error" : "";
  }

  function notice(text) {
    const box = $("#notice");
    box.textContent = text;
    box.hidden = false;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Studio-Token": TOKEN },
      body: JSON.stringify({ generation, ...body }),
    });
    const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    // only an edit of this page's that was made moves it on: a refused one answers with the
    // studio's newest generation, which may hold a change made elsewhere that the page has
    // not shown yet (the poll reloads the page for it)
    if (response.ok && data.generation !== undefined) generation = data.generation;
    if (response.status === 409) {
      notice(data.error);
      setTimeout(reload, 1500);
      throw new Error(data.error);
    }
    if (!response.ok) {
      say(data.error || `HTTP ${response.status}`, true);
      throw new Error(data.error);
    }
    if (data.summary) say(data.summary.join("; "));
    setUndo(data.undo);
    return data;
  }

  function setUndo(label) {
    const button = $("#undo");
    button.disabled = !label;
    button.textContent = label ? `Undo: ${label}` : "Undo";
  }

  // Keep where the person was across a reload (after an edit that changed the layout).
  function remember(extra) {
    const saved = JSON.parse(sessionStorage.getItem(stateKey) || "{}");
    sessionStorage.setItem(stateKey, JSON.stringify({ ...saved, scroll: scrollY, ...extra,
                                                       message: $("#message").textContent }));
  }
  // What the person typed and has not saved yet: a reload (a change made elsewhere reloads
  // the page within two seconds) must not lose it. Each view adds a function that collects
  // its drafts; they come back after the reload (restored.drafts).
  const draftCollectors = [];
  function reload() {
    const drafts = {};
    for (const collect of draftCollectors) Object.assign(drafts, collect());
    remember({ drafts });
    location.reload();
  }
  const restored = JSON.parse(sessionStorage.getItem(stateKey) || "{}");
  const drafts = restored.drafts || {};
  sessionStorage.removeItem(stateKey);
  if (restored.scroll) window.scrollTo(0, restored.scroll);
  if (restored.message) say(restored.message);

  $("#undo").addEventListener("click", () => post("/api/undo", {}).then(reload, () => {}));
  const picker = $("#episode-select");
  if (picker) picker.addEventListener("change", () => {
    const view = picker.dataset.view;
    location.href = view === "cast" ? `/cast?episode=${encodeURIComponent(picker.value)}`
                                    : `/${view}/${encodeURIComponent(picker.value)}`;
  });

  // Files changed by someone else: the server reads them again; the page follows.
  async function poll() {
    try {
      const response = await fetch(`/api/status?since=${generation}`,
                                   { headers: { "X-Studio-Token": TOKEN } });
      const data = await response.json();
      if (data.generation !== generation) {
        if (data.notices.length) notice(data.notices.join("\n") + " — reloading");
        generation = data.generation;
        setTimeout(reload, data.notices.length ? 1200 : 0);
        return;
      }
      if (window.onRenderStatus) window.onRenderStatus(data.render);
    } catch (e) { /* the studio stopped; keep the page as it is */ }
    setTimeout(poll, window.pollFast ? 500 : 2000);
  }
  setTimeout(poll, 2000);

  const typing = (e) => ["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName);
  document.addEventListener("keydown", (e) => {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "u" && !$("#undo").disabled) { e.preventDefault(); $("#undo").click(); }
  });

  // ------------------------------------------------------------------ script view
  const text = $("#text");
  if (text) {
    const queue = JSON.parse($("#queue-data").textContent);
    let selected = null;
    let queuePos = restored.queuePos ?? -1;
    const input = $("#speaker-input");
    const editButtons = ["#speaker-input", "#set-speaker", "#accept", "#narrator", "#split"];

    function select(span, scroll) {
      if (selected) selected.classList.remove("selected");
      selected = span;
      span.classList.add("selected");
      if (scroll) span.scrollIntoView({ block: "center" });
      const i = Number(span.dataset.i);
      $("#line-number").textContent = i + 1;
      $("#line-info").textContent = span.title;
      input.value = span.classList.contains("dialogue") ? span.dataset.s : "";
      editButtons.forEach((sel) => { $(sel).disabled = false; });
      $("#accept").disabled = !span.classList.contains("dialogue");
    }
    text.addEventListener("click", (e) => {
      const word = e.target.closest(".word");
      if (word) return split(Number(word.dataset.w));
      const span = e.target.closest(".ln");
      if (span) { queuePos = queue.indexOf(Number(span.dataset.i)); select(span, false); }
    });
    $$("#queue-list a").forEach((a) => a.addEventListener("click", (e) => {
      e.preventDefault();
      queuePos = queue.indexOf(Number(a.dataset.i));
      select($(`#l${a.dataset.i}`), true);
    }));
    function step(by) {
      if (!queue.length) return say("nothing to review");
      queuePos = Math.max(0, Math.min(queue.length - 1, queuePos + by));
      select($(`#l${queue[queuePos]}`), true);
    }

    function showLine(line) {
      const span = $(`#l${line.index}`);
      span.dataset.s = line.speaker;
      span.className = `ln ${line.kind} selected`;
      span.style.background = line.colour || "";
      const conf = line.confidence === null ? "checked" : line.confidence.toFixed(2);
      span.title = line.kind === "dialogue"
        ? `${line.speaker} · cue ${line.cue || "-"} · confidence ${conf}` : line.speaker;
      select(span, false);
    }
    async function lineEdit(op, extra, advance) {
      if (!selected) return;
      const i = Number(selected.dataset.i);
      const data = await post("/api/edit", { op, episode: EPISODE, index: i,
                                             text: selected.dataset.raw, ...extra });
      if (data.line) showLine(data.line);
      if (advance && queue.includes(i)) step(1);
    }
    $("#speaker-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const speaker = input.value.trim();
      if (speaker) lineEdit("line-speaker", { speaker }, true).catch(() => {});
      input.blur();
    });
    $("#accept").addEventListener("click", () => lineEdit("line-accept", {}, true).catch(() => {}));
    $("#narrator").addEventListener("click", () => lineEdit("line-narrator", {}, true).catch(() => {}));

    // Split: the line's words become clickable; the one clicked starts the second part.
    let splitting = null;
    function startSplit() {
      if (!selected) return;
      splitting = selected;
      const original = splitting.textContent;
      splitting.dataset.text = original;
      let w = 0;
      splitting.innerHTML = "";
      let last = 0;
      for (const m of original.matchAll(/[\p{L}\p{N}]+/gu)) {
        splitting.append(original.slice(last, m.index));
        const word = document.createElement("span");
        word.className = "word";
        word.dataset.w = w++;
        word.textContent = m[0];
        splitting.append(word);
        last = m.index + m[0].length;
      }
      splitting.append(original.slice(last));
      $("#split-bar").hidden = false;
    }
    function endSplit() {
      if (splitting) { splitting.textContent = splitting.dataset.text; delete splitting.dataset.text; }
      splitting = null;
      $("#split-bar").hidden = true;
    }
    async function split(word) {
      if (!splitting || word < 1) return say("pick a word after the first", true);
      const then = $("#split-then").value;
      const i = Number(splitting.dataset.i);
      try {
        await post("/api/edit", { op: "line-split", episode: EPISODE, index: i,
                                  text: splitting.dataset.raw, word, then: then || null });
        remember({ queuePos });
        location.reload();
      } catch (e) { endSplit(); }
    }
    $("#split").addEventListener("click", startSplit);
    $("#split-cancel").addEventListener("click", endSplit);

    // Comma-separated names; a name that holds a comma itself ("Smith, John") is one name
    // where the project knows it (the speaker field's suggestions).
    function names(value) {
      const key = (s) => s.toLowerCase().replace(/\s*,\s*/g, ",").trim();
      const known = new Map($$("#speaker-list option").map((o) => [key(o.value), o.value]));
      const parts = value.split(",").map((s) => s.trim());
      const out = [];
      for (let i = 0; i < parts.length; i++) {
        let j = parts.length;
        while (j > i + 1 && !known.has(key(parts.slice(i, j).join(",")))) j--;
        out.push(known.get(key(parts.slice(i, j).join(","))) || parts[i]);
        i = j - 1;
      }
      return out.filter(Boolean);
    }
    function bulk(id, op, fields) {
      $(id).addEventListener("submit", (e) => {
        e.preventDefault();
        const form = new FormData(e.target);
        const body = { op };
        for (const [name, list] of Object.entries(fields)) {
          const value = (form.get(name) || "").trim();
          body[name] = list ? names(value) : value;
        }
        post("/api/edit", body).then(() => { e.target.reset(); reload(); }, () => {});
      });
    }
    bulk("#merge-form", "merge", { keep: false, others: true });
    bulk("#rename-form", "rename", { old: false, new: false });
    bulk("#move-form", "move", { old: false, new: false });

    draftCollectors.push(() => {
      const forms = {};
      for (const form of $$("#bulk form")) {
        const typed = {};
        for (const field of $$("input", form)) if (field.value) typed[field.name] = field.value;
        if (Object.keys(typed).length) forms[form.id] = typed;
      }
      const speakerTyped = selected && input.value.trim() !== (selected.dataset.s || "")
        ? { i: Number(selected.dataset.i), text: selected.dataset.raw, speaker: input.value }
        : null;
      return { forms, line: speakerTyped };
    });
    function restoreDrafts() {
      for (const [id, typed] of Object.entries(drafts.forms || {})) {
        for (const [name, value] of Object.entries(typed)) {
          const field = $(`#${id} input[name="${name}"]`);
          if (field) field.value = value;
        }
      }
      const line = drafts.line && $(`#l${drafts.line.i}`);
      if (line && line.dataset.raw === drafts.line.text) {   // still the line it was typed for
        select(line, false);
        input.value = drafts.line.speaker;
      }
    }

    document.addEventListener("keydown", (e) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) {
        if (e.key === "Escape") { e.target.blur(); endSplit(); }
        return;
      }
      const keys = {
        j: () => step(1), k: () => step(-1),
        a: () => lineEdit("line-accept", {}, true).catch(() => {}),
        n: () => lineEdit("line-narrator", {}, true).catch(() => {}),
        s: () => { if (selected) { input.focus(); input.select(); } },
        x: startSplit, Escape: endSplit,
      };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
    if (restored.queuePos !== undefined && queue[restored.queuePos] !== undefined)
      select($(`#l${queue[restored.queuePos]}`), false);
    restoreDrafts();
  }

  // ------------------------------------------------------------------ cast view
  const table = $("#cast-table");
  if (table) {
    const engines = JSON.parse($("#engine-data").textContent);
    const player = $("#audition");
    const loaded = {};
    // One list of voice ids per engine, for the voice fields of the rows of that engine.
    function loadVoices(engine) {
      if (!loaded[engine]) {
        loaded[engine] = fetch(`/api/voices/${encodeURIComponent(engine)}`,
                               { headers: { "X-Studio-Token": TOKEN } })
          .then((response) => response.json())
          .then((data) => {
            if (data.error) { say(data.error, true); return data; }
            const list = document.createElement("datalist");
            list.id = `voices-${engine}`;
            const ids = data.voices.map((v) => v.id);
            for (const variant of data.variants) {
              if (variant.gender) ids.push(...["gmw/en-us", "gmw/en", "gmw/en-gb-x-rp"].map((b) => `${b}+${variant.id}`));
            }
            for (const id of ids) { const o = document.createElement("option"); o.value = id; list.append(o); }
            document.body.append(list);
            return data;
          })
          .catch(() => say(`could not list the ${engine} engine's voices`, true));
      }
      return loaded[engine];
    }
    function useEngine(row, engine) {
      loadVoices(engine);
      $("input.voice", row).setAttribute("list", `voices-${engine}`);
    }

    function changed(row) {
      const saved = JSON.parse(row.dataset.settings);
      const out = {};
      for (const field of $$("input, select", row)) {
        if (!field.name || field.disabled) continue;
        const now = field.value.trim();
        if (now !== "" && String(saved[field.name] ?? "") !== now) out[field.name] = now;
      }
      return out;
    }
    function unsaved(row) {   // what Save writes: the fields changed, less an engine only shown
      const fields = changed(row);
      const engine = $("select.engine", row);
      if (engine && engine.dataset.implicit === fields.engine) delete fields.engine;
      return fields;
    }
    for (const row of $$("tr[data-settings]", table)) {
      const saved = JSON.parse(row.dataset.settings);
      const engine = $("select.engine", row);
      if (engine) {
        for (const { name, unusable } of engines.engines) {
          const o = document.createElement("option");
          o.value = name;
          o.textContent = unusable ? `${name} (not here)` : name;
          if (unusable) { o.disabled = true; o.title = unusable; }
          engine.append(o);
        }
        engine.value = saved.engine || engines.default;
        if (!saved.engine) engine.dataset.implicit = engine.value;
        engine.addEventListener("change", () => useEngine(row, engine.value));
      }
      useEngine(row, saved.engine || engines.default);
      row.addEventListener("input", () => { $(".save", row).disabled = !Object.keys(unsaved(row)).length; });
      $(".play", row).addEventListener("click", async () => {
        const params = new URLSearchParams({ speaker: row.dataset.speaker, ...changed(row) });
        say(`auditioning ${row.dataset.speaker}…`);
        const response = await fetch(`/api/audition?${params}`, { headers: { "X-Studio-Token": TOKEN } });
        if (!response.ok) {
          const data = await response.json().catch(() => ({}));
          return say(data.error || `HTTP ${response.status}`, true);
        }
        const blob = await response.blob();
        if (player.src) URL.revokeObjectURL(player.src);
        player.src = URL.createObjectURL(blob);
        player.dataset.speaker = row.dataset.speaker;
        player.play().catch(() => {});
        say(`${row.dataset.speaker}: ${Math.round(blob.size / 1024)} kB of audio`);
      });
      $(".save", row).addEventListener("click", () => {
        const fields = unsaved(row);
        post("/api/edit", { op: "voice", speaker: row.dataset.speaker, fields }).then(() => {
          row.dataset.settings = JSON.stringify({ ...saved, ...fields });   // no draft now
          reload();
        }, () => {});
      });
    }
    // Values typed and not saved: kept across a reload, unless that value was saved anew
    // meanwhile (another tab, an editor, `drama speakers voice`): the file's is shown then.
    draftCollectors.push(() => {
      const cast = {};
      for (const row of $$("tr[data-settings]", table)) {
        const fields = unsaved(row);
        if (Object.keys(fields).length)
          cast[row.dataset.speaker] = { saved: JSON.parse(row.dataset.settings), fields };
      }
      return { cast };
    });
    const replaced = [];
    for (const row of $$("tr[data-settings]", table)) {
      const draft = (drafts.cast || {})[row.dataset.speaker];
      if (!draft) continue;
      const saved = JSON.parse(row.dataset.settings);
      for (const [name, value] of Object.entries(draft.fields)) {
        const field = $(`[name="${name}"]`, row);
        if (!field) continue;
        if (String(saved[name] ?? "") !== String(draft.saved[name] ?? "")) {
          replaced.push(`${row.dataset.speaker}'s ${name} (you typed ${value})`);
          continue;
        }
        field.value = value;
        if (name === "engine") useEngine(row, value);
      }
      $(".save", row).disabled = !Object.keys(unsaved(row)).length;
    }
    if (replaced.length)
      notice(`Changed on disk meanwhile, so not kept as you typed: ${replaced.join("; ")}.`);

    const castNew = $("#cast-new");
    if (castNew) castNew.addEventListener("click", () => post("/api/cast-new", {}).then(reload, () => {}));
  }

  // ------------------------------------------------------------------ listen view
  const timeline = $("#timeline");
  if (timeline) {
    const player = $("#player");
    const items = $$(".ln", timeline);
    const starts = items.map((li) => Number(li.dataset.start));
    let current = null;
    function at(t) {     // the last line starting at or before t
      let lo = 0, hi = starts.length - 1, found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }
    if (player) {
      // the audio's metadata after the page: the player must not hold up a book's page
      const attach = () => { player.src = player.dataset.src; };
      if (document.readyState === "complete") attach(); else addEventListener("load", attach);
      player.addEventListener("timeupdate", () => {
        const k = at(player.currentTime);
        const li = k >= 0 ? items[k] : null;   // the line being spoken
        if (li === current) return;
        if (current) current.classList.remove("now");
        current = li;
        if (li) {
          li.classList.add("now");
          if ($("#follow").checked) li.scrollIntoView({ block: "center" });
        }
      });
      timeline.addEventListener("click", (e) => {
        const li = e.target.closest(".ln");
        if (!li) return;
        player.currentTime = Number(li.dataset.start) + 0.001;
        player.play().catch(() => {});
      });
    }
    const status = $("#render-status");
    const bar = $("#render-progress");
    let serial = Number(status.dataset.serial);
    window.onRenderStatus = (render) => {
      if (render.state === "running") {
        bar.hidden = false;
        bar.max = render.total || 1;
        bar.value = render.done;
        status.textContent = render.message;
        window.pollFast = true;
        return;
      }
      window.pollFast = false;
      if (render.serial !== serial) {
        serial = render.serial;
        bar.hidden = true;
        status.dataset.state = render.state;
        status.textContent = render.message;
        if (render.state === "done") reload();
      }
    };
    if (status.dataset.state === "running") window.pollFast = true;
    $("#render").addEventListener("click", async () => {
      const data = await post("/api/render", { episode: EPISODE });
      window.pollFast = true;
      bar.hidden = false;
      status.textContent = data.started ? "rendering…" : "a render is running already";
      window.onRenderStatus(data.render);
    });
  }
})();
