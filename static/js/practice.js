// The practice loop on the phone. A batch of exercises comes from the server once; the
// learner works through it without any round trip; every answer goes to the outbox
// (IndexedDB) first and is sent in the background.

import { enqueue, flush, pending, saveSession, loadSession, clearSession } from "./answer-queue.js";
import { checkTyped } from "./answers.js";

const root = document.getElementById("practice");
const stage = root.querySelector("[data-role=stage]");
const syncState = root.querySelector("[data-role=sync]");
const bar = root.querySelector(".practice-progress");
const T = JSON.parse(document.getElementById("practice-strings").textContent);
const learner = Number(root.dataset.learner);
const urls = { next: root.dataset.nextUrl, answers: root.dataset.answersUrl, progress: root.dataset.progressUrl };
const ICON = "/static/icons/speaker.svg";

let session = null; // {learner, items, position, results}
let shownAt = 0;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

// --- sound: our audio file when there is one, else the phone's own Dutch voice ---------

let current = null;
function speak(audio, text) {
  if (current) current.pause();
  if (window.speechSynthesis) window.speechSynthesis.cancel();
  if (audio) {
    current = new Audio(audio);
    return current.play().catch(() => speakWithVoice(text));
  }
  return speakWithVoice(text);
}

function speakWithVoice(text) {
  if (!text || !window.speechSynthesis) return Promise.resolve();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = "nl-NL";
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith("nl"));
  if (voice) utterance.voice = voice;
  window.speechSynthesis.speak(utterance);
  return Promise.resolve();
}

function playButton(audio, text, label, big = false) {
  return el(
    "button",
    { type: "button", class: big ? "play play--big" : "play", "aria-label": label, onclick: () => speak(audio, text) },
    el("img", { src: ICON, alt: "" }),
  );
}

// --- syncing ---------------------------------------------------------------------------

// Answers this page has put in the outbox. "Alles is opgeslagen." may only be said by a
// sync that started after the newest of them, so it is never shown while one still waits.
let written = 0;

async function sync() {
  const seen = written;
  const left = await flush(urls.answers, learner);
  const waiting = left === 0 ? (await pending(learner)).length : left;
  if (written !== seen) return; // a newer answer's own sync will tell
  if (waiting === 0) syncState.textContent = T.synced;
  else syncState.textContent = navigator.onLine ? T.pending.replace("{count}", waiting) : T.offline;
}

window.addEventListener("online", sync);
setInterval(sync, 20000);

// --- the session -----------------------------------------------------------------------

async function start() {
  const saved = await loadSession(learner).catch(() => null);
  if (saved && saved.position < saved.items.length) {
    session = saved;
    return show();
  }
  stage.replaceChildren(el("p", { class: "practice-status", text: T.loading }));
  try {
    const response = await fetch(urls.next, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    session = { learner, items: body.items, position: 0, results: [] };
  } catch {
    stage.replaceChildren(
      el("p", { class: "alert", role: "alert", text: T.load_failed }),
      el("button", { type: "button", class: "button button--primary", onclick: start, text: T.retry }),
    );
    return;
  }
  if (!session.items.length) {
    stage.replaceChildren(
      el("p", { class: "empty", text: T.nothing }),
      el("a", { class: "button", href: urls.progress, text: T.to_progress }),
    );
    return;
  }
  await saveSession(session);
  prefetch(session.items);
  show();
}

// Load every picture and sound of the batch now, so the session goes on without network.
function prefetch(items) {
  const urls = new Set();
  const add = (thing) => {
    if (!thing) return;
    for (const key of ["picture", "audio", "example_audio"]) if (thing[key]) urls.add(thing[key]);
  };
  for (const item of items) {
    add(item.prompt);
    add(item.prompt.context);
    add(item.feedback);
    item.options.forEach(add);
    (item.feedback.lines || []).forEach(add);
  }
  urls.forEach((url) => fetch(url, { credentials: "same-origin" }).catch(() => {}));
}

function show() {
  bar.value = session.position / session.items.length;
  if (session.position >= session.items.length) return summary();
  const item = session.items[session.position];
  if (item.introduce && !item.introduced) return introduce(item);
  stage.replaceChildren(...render(item));
  shownAt = performance.now();
  if (SPOKEN_PROMPTS[item.kind] === "answer") speak(item.prompt.audio, item.feedback.text);
  stage.querySelector("button, input")?.focus({ preventScroll: true });
}

// A word met for the first time is shown (picture, word, sound) before it is asked.
function introduce(item) {
  const f = item.feedback;
  stage.replaceChildren(
    el(
      "div",
      { class: "prompt" },
      f.picture && el("img", { class: "prompt-picture", src: f.picture, alt: "" }),
      f.speaker_name && el("p", { class: "prompt-question", text: f.speaker_name }),
      el("p", { class: "prompt-word", lang: "nl", text: f.text }),
      playButton(f.audio, f.text, T.play_word, true),
    ),
    el("button", {
      type: "button",
      class: "button button--primary",
      text: T.next,
      onclick: () => {
        item.introduced = true;
        saveSession(session);
        show();
      },
    }),
  );
  speak(f.audio, f.text);
  stage.querySelector(".button--primary").focus({ preventScroll: true });
}

const QUESTIONS = {
  listen_pick_picture: "which_picture",
  word_pick_picture: "which_picture",
  picture_pick_word: "which_word",
  article: "de_or_het",
  type_word: "type_word",
  gap_choice: "fill_gap",
  gap_type: "fill_gap",
  dialogue_order: "put_in_order",
  dialogue_reply: "choose_reply",
  dialogue_gap: "fill_gap",
};

// Prompts that are heard: some say the answer itself (listen, then find or type it).
const SPOKEN_PROMPTS = {
  listen_pick_picture: "answer",
  type_word: "answer",
  word_pick_picture: "prompt",
  dialogue_reply: "prompt",
};
const SPOKEN_OPTIONS = ["picture_pick_word", "dialogue_reply"];

function render(item) {
  const p = item.prompt;
  const prompt = el("div", { class: "prompt" }, el("p", { class: "prompt-question", text: T[QUESTIONS[item.kind]] }));
  if (p.context) {
    prompt.append(
      el("p", { class: "prompt-sentence", lang: "nl" }, el("strong", { text: `${p.context.speaker_name}: ` }), p.context.text),
      playButton(p.context.audio, p.context.text, T.play_sentence),
    );
  }
  if (p.picture) prompt.append(el("img", { class: "prompt-picture", src: p.picture, alt: "" }));
  if (p.before !== undefined) {
    prompt.append(
      el("p", { class: "prompt-sentence", lang: "nl" }, p.before, el("span", { class: "gap", "aria-label": "…" }), p.after),
    );
  } else if (p.text) {
    const speaker = p.speaker_name ? el("strong", { text: `${p.speaker_name}: ` }) : null;
    prompt.append(el("p", { class: item.skill === "dialogue" ? "prompt-sentence" : "prompt-word", lang: "nl" }, speaker, p.text));
  }
  // Where the prompt is to be heard, play our audio file or else the phone's own voice.
  if (item.kind in SPOKEN_PROMPTS || (p.audio && item.kind !== "gap_type")) {
    const text = SPOKEN_PROMPTS[item.kind] === "answer" ? item.feedback.text : p.text;
    prompt.append(playButton(p.audio, text, T.listen, true));
  }
  const answerArea = { choice: choices, text: typing, order: ordering }[item.answer_type](item);
  return [prompt, answerArea];
}

function choices(item) {
  const pictures = item.options.every((o) => o.picture && !o.text);
  const list = el("div", { class: pictures ? "options" : "options options--text", role: "group", "aria-label": T.answers });
  item.options.forEach((option, index) => {
    const button = el(
      "button",
      {
        type: "button",
        class: "option",
        "data-id": String(option.id),
        lang: option.text ? "nl" : null,
        "aria-label": pictures ? `${index + 1}` : null,
        onclick: () => answerChoice(item, option, list),
      },
      option.picture && el("img", { src: option.picture, alt: "" }),
      option.text,
    );
    if (!pictures && (option.audio || SPOKEN_OPTIONS.includes(item.kind))) {
      const row = el("div", { class: "option-row" }, button, playButton(option.audio, option.text, `${T.play}: ${option.text}`));
      list.append(row);
    } else {
      list.append(button);
    }
  });
  return list;
}

function typing(item) {
  const input = el("input", {
    class: "input",
    type: "text",
    id: "typed-answer",
    lang: "nl",
    autocomplete: "off",
    autocapitalize: "none",
    spellcheck: "false",
  });
  const form = el(
    "form",
    {
      class: "stack",
      onsubmit: (event) => {
        event.preventDefault();
        const check = item.check;
        const verdict = checkTyped(input.value, check.expected, {
          article: check.article,
          requireArticle: check.require_article,
          otherWords: check.other_words || [],
        });
        input.disabled = true;
        form.querySelector("button").disabled = true;
        finish(item, verdict.correct, { near_miss: verdict.near_miss, expected: verdict.expected });
      },
    },
    el("label", { for: "typed-answer", text: T.your_answer }),
    input,
    el("button", { type: "submit", class: "button button--primary", text: T.check }),
  );
  return form;
}

function ordering(item) {
  const list = el("ol", { class: "order-list" });
  const draw = (order) => {
    list.replaceChildren(
      ...order.map((option, index) =>
        el(
          "li",
          { class: "order-item", "data-id": String(option.id) },
          playButton(option.audio, option.text, `${T.play}: ${T.line} ${index + 1}`),
          el("span", { lang: "nl" }, option.speaker_name ? el("strong", { text: `${option.speaker_name}: ` }) : null, option.text || ""),
          el("button", {
            type: "button", class: "play", "aria-label": `${T.move_up}: ${T.line} ${index + 1}`, disabled: index === 0,
            onclick: () => draw(swap(order, index, index - 1)), text: "↑",
          }),
          el("button", {
            type: "button", class: "play", "aria-label": `${T.move_down}: ${T.line} ${index + 1}`, disabled: index === order.length - 1,
            onclick: () => draw(swap(order, index, index + 1)), text: "↓",
          }),
        ),
      ),
    );
    list.order = order;
  };
  draw(item.options);
  const check = el("button", {
    type: "button",
    class: "button button--primary",
    text: T.check,
    onclick: () => {
      check.disabled = true;
      list.querySelectorAll("button").forEach((b) => b.setAttribute("disabled", ""));
      const given = list.order.map((o) => o.id);
      finish(item, JSON.stringify(given) === JSON.stringify(item.answer), {});
    },
  });
  return el("div", { class: "stack" }, list, check);
}

function swap(order, a, b) {
  const copy = [...order];
  [copy[a], copy[b]] = [copy[b], copy[a]];
  return copy;
}

function answerChoice(item, option, list) {
  const right = String(option.id) === String(item.answer);
  list.querySelectorAll(".option").forEach((button) => {
    button.disabled = true;
    if (button.dataset.id === String(item.answer)) button.classList.add("option--right");
    else if (button.dataset.id === String(option.id)) button.classList.add("option--wrong");
  });
  finish(item, right, {});
}

function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function finish(item, correct, { near_miss = false, expected = null }) {
  const answer = {
    uuid: newUuid(),
    learner,
    card_id: item.card_id,
    answered_at: new Date().toISOString(),
    kind: item.kind,
    correct,
    response_ms: Math.max(0, Math.round(performance.now() - shownAt)),
    near_miss,
  };
  // First the outbox, then everything else: the answer survives a crash or a closed tab.
  await enqueue(answer);
  written += 1;
  syncState.textContent = "";
  session.results.push(correct);
  session.position += 1;
  await saveSession(session);
  feedback(item, correct, near_miss, expected);
  sync();
}

function feedback(item, correct, nearMiss, expected) {
  const f = item.feedback;
  const message = correct ? (nearMiss ? T.almost : T.good) : T.wrong;
  const panel = el(
    "div",
    { class: correct ? "feedback feedback--good" : "feedback feedback--wrong", role: "status" },
    el("p", { text: message }),
  );
  if (!correct || nearMiss) {
    if (f.lines) {
      panel.append(el("ol", {}, ...f.lines.map((l) => el("li", { lang: "nl", text: `${l.speaker_name}: ${l.text}` }))));
    } else {
      panel.append(el("p", { class: "prompt-word", lang: "nl", text: nearMiss && expected ? expected : f.text }));
    }
  }
  if (f.picture && !correct) panel.append(el("img", { class: "prompt-picture", src: f.picture, alt: "" }));
  panel.append(playButton(f.audio, f.text, T.play_word));
  const next = el("button", { type: "button", class: "button button--primary", text: T.next, onclick: show });
  stage.append(panel, next);
  if (!f.lines) speak(f.audio, f.text);
  next.focus({ preventScroll: true });
}

function summary() {
  const good = session.results.filter(Boolean).length;
  clearSession(learner);
  stage.replaceChildren(
    el(
      "div",
      { class: "summary" },
      el("img", { src: "/static/icons/star.svg", alt: "", width: "96", height: "96" }),
      el("h2", { text: T.done_title }),
      el("p", { class: "prompt-word", text: T.done_score.replace("{good}", good).replace("{total}", session.results.length) }),
      el("button", { type: "button", class: "button button--primary", text: T.again, onclick: start }),
      el("a", { class: "button", href: urls.progress, text: T.to_progress }),
    ),
  );
  sync();
}

if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
start();
sync();
