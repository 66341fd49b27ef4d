// The phone's outbox: every answer is written to IndexedDB before anything else, and
// sent in batches when the network allows. The server applies each answer once (by its
// UUID), so sending a batch twice is harmless; an answer leaves the outbox only when the
// server has confirmed it.

const DB_NAME = "vaktaal";
const DB_VERSION = 1;
const BATCH = 50;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("answers", { keyPath: "uuid" });
      db.createObjectStore("rejected", { keyPath: "uuid" });
      db.createObjectStore("sessions", { keyPath: "learner" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

let dbPromise = null;
function database() {
  dbPromise ??= open();
  return dbPromise;
}

async function run(store, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const result = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function enqueue(answer) {
  return run("answers", "readwrite", (store) => store.put(answer));
}

export function pending(learner) {
  return run("answers", "readonly", (store) => store.getAll()).then((all) =>
    all.filter((a) => a.learner === learner).sort((a, b) => a.answered_at.localeCompare(b.answered_at)),
  );
}

function remove(store, uuids) {
  return run(store, "readwrite", (s) => uuids.forEach((uuid) => s.delete(uuid)));
}

function reject(answers) {
  return run("rejected", "readwrite", (s) => answers.forEach((a) => s.put(a)));
}

// The current session (its exercises and how far the learner got) survives a reload.
export function saveSession(session) {
  return run("sessions", "readwrite", (store) => store.put(session));
}

export function loadSession(learner) {
  return run("sessions", "readonly", (store) => store.get(learner));
}

export function clearSession(learner) {
  return run("sessions", "readwrite", (store) => store.delete(learner));
}

let flushing = null;
let again = false;

// Send what is waiting. Resolves to the number of answers still waiting. A call while a
// flush is under way joins it, and that flush looks at the outbox once more before it
// ends: an answer written just after its last look is not left behind.
export function flush(url, learner) {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    let left;
    do {
      again = false;
      left = await doFlush(url, learner);
    } while (again && left === 0);
    return left;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function doFlush(url, learner) {
  let waiting = await pending(learner);
  while (waiting.length) {
    const batch = waiting.slice(0, BATCH);
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({
          answers: batch.map(({ learner: _l, ...answer }) => answer),
        }),
      });
    } catch {
      return waiting.length; // offline: try again later
    }
    if (response.ok) {
      const body = await response.json();
      await remove("answers", [...body.accepted, ...body.duplicates]);
    } else if (response.status >= 400 && response.status < 500 && ![401, 408, 429].includes(response.status)) {
      // The server will never accept these as they are: keep them aside, never drop them.
      await reject(batch);
      await remove("answers", batch.map((a) => a.uuid));
    } else {
      return waiting.length; // server trouble: try again later
    }
    waiting = await pending(learner);
  }
  return 0;
}
