// The outbox of encounters logged on this device: its IndexedDB and the sending of what waits.
// One file for both senders: the page (static/js/offline.js, a <script> before it) and the service
// worker (sw.js, importScripts) when Background Sync wakes it, so both send the same way.
//
// The database "weitblick": "outbox" (waiting encounters by client key), "contacts" (the picker's
// copy), "meta" (whose data this is, under "user"). An entry: { key, created, entries: [[name,
// value], ...] as the quick log's form posted them, people: [{id, name}], summary, reason, gone }.
// A reason means the server refused it; it waits to be fixed or discarded and is not sent; gone
// lists the participants the server no longer knows as the user's contacts (deleted meanwhile).
(function (scope) {
  "use strict";
  if (!scope.indexedDB || !scope.fetch) { return; }

  var opening = null;
  function db() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = indexedDB.open("weitblick", 1);
        request.onupgradeneeded = function () {
          var database = request.result;
          database.createObjectStore("outbox", { keyPath: "key" });
          database.createObjectStore("contacts", { keyPath: "id" });
          database.createObjectStore("meta");
        };
        request.onsuccess = function () {
          var database = request.result;
          // A logout (in any tab) deletes the database: this connection lets it, and the next
          // use opens a fresh one.
          database.onversionchange = function () { database.close(); opening = null; };
          resolve(database);
        };
        request.onerror = function () { opening = null; reject(request.error); };
      });
    }
    return opening;
  }
  function close() {
    var closing = opening ? opening.then(function (database) { database.close(); }, function () { return null; }) : Promise.resolve();
    opening = null;
    return closing;
  }
  function store(name, mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(name, mode);
        var result = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all(name) { return store(name, "readonly", function (s) { return s.getAll(); }); }
  function owner() { return store("meta", "readonly", function (s) { return s.get("user"); }); }

  // One sender at a time, across tabs and the service worker, where the browser has Web Locks;
  // without them two senders may post the same entry, which the server stores once.
  function exclusively(work) {
    var locks = scope.navigator && scope.navigator.locks;
    return locks ? locks.request("weitblick-outbox", work) : work();
  }

  function post(url, csrf, entry) {
    var data = new FormData();
    entry.entries.forEach(function (pair) {
      // The token the form had when it was logged may be older than the session: the fresh one
      // goes in the header, and a token in the body would win over it.
      if (pair[0] !== "csrfmiddlewaretoken") { data.append(pair[0], pair[1]); }
    });
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" }
    });
  }

  // Send what waits, oldest first, as the account `user` with the token `csrf`. Stops at the first
  // failure of the network or the session (a 403, a 5xx, a redirect to the login) and keeps that
  // one and the rest waiting. Resolves to { sent, refused, failed }.
  function send(options) {
    var outcome = { sent: 0, refused: 0, failed: false };
    return exclusively(function () {
      return owner().then(function (who) {
        // Never another account's encounters into this session.
        if (who === undefined || String(who) !== String(options.user)) { return outcome; }
        return all("outbox").then(function (entries) {
          entries = entries.filter(function (e) { return !e.reason; }).sort(function (a, b) { return a.created - b.created; });
          function next(index) {
            if (index >= entries.length) { return outcome; }
            var entry = entries[index];
            return post(options.url, options.csrf, entry).then(function (response) {
              if (!response.ok) { outcome.failed = true; return outcome; }
              return response.json().then(function (answer) {
                if (answer.logged) {
                  outcome.sent += 1;
                  return store("outbox", "readwrite", function (s) { s.delete(entry.key); });
                }
                outcome.refused += 1;
                entry.reason = (answer.refused || []).join(" ") || options.refusedWord || "refused";
                entry.gone = answer.gone || [];
                return store("outbox", "readwrite", function (s) { s.put(entry); });
              }).then(function () { return next(index + 1); });
            });
          }
          return next(0);
        });
      });
    }).catch(function () {
      outcome.failed = true;
      return outcome;
    });
  }

  scope.WeitblickOutbox = { db: db, close: close, store: store, all: all, owner: owner, send: send, tag: "weitblick-send" };
})(self);
