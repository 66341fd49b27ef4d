// Service worker: the practice page opens without network and resumes the session kept on
// the phone, with its pictures and sounds. Answers never pass through here: they wait in
// the IndexedDB outbox (answer-queue.js) until the server confirms them.

const CACHE = "vaktaal-v1";
const PAGES = ["/oefenen", "/voortgang"];
const SHELL = [
  "/oefenen",
  "/static/css/main.css",
  "/static/js/practice.js",
  "/static/js/answer-queue.js",
  "/static/js/answers.js",
  "/static/icon.svg",
  "/static/icons/play.svg",
  "/static/icons/speaker.svg",
  "/static/icons/star.svg",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function store(request, response) {
  if (response.ok && response.status === 200) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || request.headers.has("range")) return;
  if (PAGES.includes(url.pathname)) {
    // Pages: the network first (fresh), the last copy when offline.
    event.respondWith(fetch(request).then((r) => store(request, r)).catch(() => caches.match(request)));
  } else if (/^\/(static|pictures|woordfoto|audio)\//.test(url.pathname)) {
    // Files: the copy on the phone at once, refreshed in the background when online.
    event.respondWith(
      caches.match(request).then((cached) => {
        const fresh = fetch(request).then((r) => store(request, r));
        if (cached) {
          fresh.catch(() => {});
          return cached;
        }
        return fresh;
      }),
    );
  }
});
