// Weitblick's service worker, served at /sw.js by crm/pwa.py, which puts self.WEITBLICK before this:
// { version, shell: [the app shell's addresses], page: the quick log's address, outbox: outbox.js's
// address, log: where an encounter is posted, session: who is signed in and their CSRF token }.
//
// It keeps only the app shell (styles, scripts, icons) and the quick log page. Every other page,
// and every write, goes to the network as before: no other page's personal data is ever cached.
// The encounters logged offline wait in IndexedDB (static/js/outbox.js); where the browser has
// Background Sync, this worker sends them when the connection is back, with the same code as the page.
"use strict";

var CONFIG = self.WEITBLICK;
var CACHE = "weitblick-" + CONFIG.version;
importScripts(CONFIG.outbox);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(CONFIG.shell); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

function quickLogPage(request) {
  // The network first, so that the page is fresh (and its form key new) whenever there is one; the
  // copy is kept only when it is the page itself, not a redirect to the login.
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(CONFIG.page, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(CONFIG.page).then(function (cached) { return cached || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    if (url.pathname === CONFIG.page) {
      event.respondWith(quickLogPage(request));
    } else {
      // Offline, any page opens the quick log: the one thing that works without a connection.
      event.respondWith(fetch(request).catch(function () {
        return caches.match(CONFIG.page).then(function (cached) { return cached || Response.error(); });
      }));
    }
    return;
  }
  if (CONFIG.shell.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (cached) { return cached || fetch(request); }));
  }
});

// Send what waits in the outbox, as the account signed in now, if the outbox is that account's.
// The token comes fresh from the session (never from a cache: the fetch handler above leaves it
// alone, and the answer says no-store). Rejects when the network fails, so that Background Sync
// tries again later; nobody signed in is not a failure: the next page load decides.
function sendWaiting() {
  return fetch(CONFIG.session, {
    credentials: "same-origin", redirect: "manual", cache: "no-store", headers: { Accept: "application/json" }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (session) {
    if (!session) { return { sent: 0, refused: 0, failed: false }; }
    return self.WeitblickOutbox.send({ url: CONFIG.log, csrf: session.csrf, user: session.user });
  }).then(function (outcome) {
    return self.clients.matchAll({ type: "window" }).then(function (pages) {
      pages.forEach(function (page) { page.postMessage({ type: "outbox-sent", sent: outcome.sent, refused: outcome.refused }); });
      if (outcome.failed) { throw new Error("The outbox could not be sent; Background Sync tries again."); }
      return outcome;
    });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === self.WeitblickOutbox.tag) { event.waitUntil(sendWaiting()); }
});

self.addEventListener("message", function (event) {
  // Logging out empties the cache (offline.js asks; it also deletes the cache itself).
  if (event.data === "forget") {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    }));
  }
});
