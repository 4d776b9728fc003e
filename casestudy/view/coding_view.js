// The casestudy coding view (anywidget ESM module; shipped inside the package, no build step, no CDN).
//
// The Python side (casestudy.view.session.CodingSession) owns every decision and every write;
// this file only draws the state it receives and sends the user's actions back as messages.
// Selections are sent as UTF-16 offsets into the canonical text (what the DOM counts); Python
// converts them to code points (what the database counts).

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "style") el.style.cssText = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// The UTF-16 span of the current selection inside `root`, from the runs it touches; null if none.
function selectionSpan(root) {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  let start = null, end = null;
  for (const run of root.querySelectorAll(".cs-run")) {
    const node = run.firstChild;
    if (!node || !range.intersectsNode(node)) continue;
    const base = Number(run.dataset.u16);
    const a = node === range.startContainer ? range.startOffset : 0;
    const b = node === range.endContainer ? range.endOffset : node.length;
    if (b <= a) continue;
    if (start === null) start = base + a;
    end = base + b;
  }
  return start === null ? null : { start16: start, end16: end, text: range.toString() };
}

function render({ model, el }) {
  let pending = null;      // the last selection made in the transcript
  let detail = null;       // coding ids of the clicked span
  let local = "";          // a hint of the browser's own (no round trip)
  const root = h("div", { class: "cs-view" });
  el.append(root);

  const send = (msg) => { root.classList.add("cs-busy"); model.send(msg); };

  const onSelection = () => {
    const transcript = root.querySelector(".cs-transcript");
    if (!transcript) return;
    const span = selectionSpan(transcript);
    if (span) { pending = span; drawSelection(); }
  };
  const docListener = () => onSelection();
  document.addEventListener("selectionchange", docListener);

  function drawSelection() {
    const box = root.querySelector(".cs-selection");
    if (!box) return;
    box.replaceChildren(pending
      ? h("span", {}, "Selected: \u201c", h("q", {}, pending.text.trim().slice(0, 80)), "\u201d \u2014 click a code",
          h("button", { class: "cs-link", onclick: () => { pending = null; drawSelection(); } }, "clear"))
      : h("span", { class: "cs-hint" }, "Select text in a turn, then click a code."));
  }

  function codebook(state) {
    const items = state.codes.map((c) => h("li", {
        class: "cs-code" + (c.codable ? "" : " cs-folder"), style: `padding-left:${0.2 + c.depth * 1.1}em`,
        title: c.definition || c.label, dataset: { code: c.id },
        onclick: c.codable ? () => {
          if (!pending) { local = "Select some text in a turn first, then click the code."; draw(); return; }
          send({ action: "code", start16: pending.start16, end16: pending.end16, code: c.id });
          pending = null;
        } : null },
      h("span", { class: "cs-swatch", style: `background:${c.colour}` }), " ", c.label,
      c.n ? h("span", { class: "cs-count" }, ` ${c.n}`) : null));
    const form = h("form", { class: "cs-newcode", onsubmit: (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target);
        send({ action: "add_code", code: f.get("code"), label: f.get("label"), parent: f.get("parent") || null,
               definition: f.get("definition") || "", start16: pending ? pending.start16 : null,
               end16: pending ? pending.end16 : null });
        pending = null;
      } },
      h("input", { name: "code", placeholder: "new_code_id", required: true, size: 12 }),
      h("input", { name: "label", placeholder: "label", required: true, size: 12 }),
      h("select", { name: "parent" }, h("option", { value: "" }, "(top level)"),
        state.codes.map((c) => h("option", { value: c.id }, c.label))),
      h("input", { name: "definition", placeholder: "definition", size: 14 }),
      h("button", { type: "submit" }, "add code (and apply it to the selection, if any)"));
    const cb = state.codebook;
    return h("div", { class: "cs-codebook" },
      h("div", { class: "cs-head" }, cb ? `${cb.title} (v${cb.version})` : "No codebook stored"),
      h("ul", {}, items), h("details", {}, h("summary", {}, "New code"), form));
  }

  function transcript(state) {
    const colourOf = Object.fromEntries(state.codes.map((c) => [c.id, c.colour]));
    const blocks = state.blocks.map((b) => h("div", {
        class: "cs-turn" + (b.codable ? "" : " cs-off"), dataset: { turn: b.turn ?? "" },
        title: b.codable ? null : `${b.speaker}'s turns are not coded (${b.role || "role"})` },
      b.timestamp ? h("span", { class: "cs-ts" }, b.timestamp + " ") : null,
      b.speaker ? h("span", { class: "cs-speaker" }, b.speaker + ": ") : null,
      b.runs.map((r) => {
        const codes = [...new Set(r.codings.map((i) => state.codings[String(i)].code))];
        const style = codes.length
          ? `background:${colourOf[codes[0]]}55;` + (codes.length > 1
            ? `box-shadow: inset 0 -3px 0 ${colourOf[codes[1]]};` : "")
          : "";
        return h("span", {
            class: "cs-run" + (codes.length ? " cs-coded" : "") + (r.suggestions.length ? " cs-suggested" : ""),
            style, title: codes.length ? r.codings.map((i) => {
              const c = state.codings[String(i)];
              return `${c.label} (${c.coder})`;
            }).join("\n") + "\nclick for details" : null,
            dataset: { u16: r.u16, start: r.start, codings: r.codings.join(" "), suggestions: r.suggestions.join(" ") },
            onclick: codes.length ? (ev) => {
              const sel = document.getSelection();
              if (sel && !sel.isCollapsed) return;
              detail = r.codings; draw(); ev.stopPropagation();
            } : null },
          r.text);
      })));
    return h("div", { class: "cs-transcript" },
      state.withheld ? h("div", { class: "cs-warning" },
        "Consent (release) is not recorded for this source: code it, but nothing of it may reach an output.") : null,
      blocks);
  }

  function details(state) {
    if (!detail) return null;
    const rows = detail.map((i) => state.codings[String(i)]).filter(Boolean);
    if (!rows.length) { detail = null; return null; }
    return h("div", { class: "cs-detail" },
      h("div", { class: "cs-head" }, "Codings here",
        h("button", { class: "cs-link", onclick: () => { detail = null; draw(); } }, "close")),
      rows.map((c) => {
        const memo = h("textarea", { rows: 2, placeholder: "memo" });
        memo.value = c.memo || "";
        const own = c.coder === state.coder;
        return h("div", { class: "cs-coding", dataset: { coding: c.id } },
          h("div", {}, h("b", {}, c.label), ` (${c.code}) by ${c.coder}, ${c.origin}`,
            c.rule ? ` from ${c.rule}` : "", ": \u201c", c.text, "\u201d"),
          own ? h("div", {}, memo,
            h("button", { class: "cs-save-memo", onclick: () => send({ action: "memo", coding: c.id, text: memo.value }) },
              "save memo"),
            h("button", { class: "cs-remove", onclick: () => { detail = null; send({ action: "remove", coding: c.id }); } },
              "remove")) : (c.memo ? h("div", { class: "cs-memo" }, "memo: " + c.memo) : null));
      }));
  }

  function queue(state) {
    const groups = new Map();
    for (const q of state.queue) {
      if (!groups.has(q.code)) groups.set(q.code, []);
      groups.get(q.code).push(q);
    }
    const highlight = (ids, on) => {
      for (const id of ids) {
        for (const run of root.querySelectorAll(".cs-run")) {
          if (run.dataset.suggestions.split(" ").includes(String(id))) run.classList.toggle("cs-focus", on);
        }
      }
    };
    return h("div", { class: "cs-queue" },
      h("div", { class: "cs-head" }, `Suggestions to review (${state.queue.length}) `,
        h("label", { class: "cs-hint" }, h("input", { type: "checkbox", class: "cs-queue-all", checked: state.queue_all,
          onchange: (ev) => send({ action: "queue", all: ev.target.checked }) }), "all sources")),
      [...groups.entries()].map(([code, items]) => h("div", { class: "cs-group", dataset: { code } },
        h("div", { class: "cs-group-head" }, h("b", {}, items[0].label), ` (${items.length}) `,
          h("button", { class: "cs-accept-code", onclick: () => send({ action: "accept_code", code }) }, "accept all"),
          h("button", { class: "cs-reject-code", onclick: () => send({ action: "reject_code", code }) }, "reject all")),
        items.map((q) => h("div", {
            class: "cs-suggestion", dataset: { id: q.id },
            onmouseenter: () => highlight([q.id], true), onmouseleave: () => highlight([q.id], false) },
          q.source !== state.source ? h("span", { class: "cs-hint" }, q.source + ": ") : null,
          "\u201c", q.text, "\u201d ", h("span", { class: "cs-rule", title: "the rule that fired" }, q.rule), " ",
          h("button", { class: "cs-accept", onclick: () => send({ action: "accept", ids: [q.id] }) }, "accept"),
          h("button", { class: "cs-reject", onclick: () => send({ action: "reject", ids: [q.id] }) }, "reject"))))),
      state.queue.length ? null : h("div", { class: "cs-hint" },
        state.queue_all ? "Nothing waiting." : "Nothing waiting in this source."));
  }

  function toolbar(state) {
    return h("div", { class: "cs-toolbar" },
      h("label", {}, "Source ", h("select", { class: "cs-source", onchange: (ev) => send({ action: "open", source: ev.target.value }) },
        state.sources.map((s) => h("option", { value: s.id, selected: s.id === state.source }, `${s.id} \u2014 ${s.title}`)))),
      h("span", { class: "cs-coder" }, `coding as ${state.coder}`),
      h("span", { class: "cs-show" }, "show: ", state.coders.map((c) => h("label", {},
        h("input", { type: "checkbox", value: c.id, checked: state.shown.includes(c.id), onchange: () => {
          const chosen = [...root.querySelectorAll(".cs-show input:checked")].map((i) => i.value);
          send({ action: "show", coders: chosen });
        } }), c.id, " "))),
      h("button", { class: "cs-undo", disabled: !state.can_undo, onclick: () => send({ action: "undo" }) }, "undo"),
      state.all_turns ? h("span", { class: "cs-hint" }, "all turns codable") : null);
  }

  function draw() {
    const state = model.get("state") || {};
    root.classList.remove("cs-busy");
    if (!state.codes) { root.replaceChildren(h("div", {}, "loading\u2026")); return; }
    const scroll = root.querySelector(".cs-transcript")?.scrollTop ?? 0;
    root.replaceChildren(
      toolbar(state),
      h("div", { class: "cs-message", role: "status", "aria-live": "polite" }, local || state.message || ""),
      h("div", { class: "cs-selection" }),
      h("div", { class: "cs-main" }, codebook(state), transcript(state),
        h("div", { class: "cs-side" }, details(state), queue(state))));
    const t = root.querySelector(".cs-transcript");
    if (t) t.scrollTop = scroll;
    drawSelection();
  }

  model.on("change:state", () => { local = ""; draw(); });
  draw();
  return () => document.removeEventListener("selectionchange", docListener);
}

export default { render };
