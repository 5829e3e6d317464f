// Weitblick's service worker, served at /sw.js by crm/pwa.py, which puts self.WEITBLICK before this:
// { version, shell: [the app shell's addresses], page: the quick log's address }.
//
// It keeps only the app shell (styles, scripts, icons) and the quick log page. Every other page,
// and every write, goes to the network as before: no other page's personal data is ever cached.
// The encounters logged offline wait in the page's IndexedDB (static/js/offline.js), not here.
"use strict";

var CONFIG = self.WEITBLICK;
var CACHE = "weitblick-" + CONFIG.version;

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

// Logging out empties the cache (offline.js asks; it also deletes the cache itself).
self.addEventListener("message", function (event) {
  if (event.data === "forget") {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    }));
  }
});
