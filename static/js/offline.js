// The quick log without a connection: the service worker, the device's copy of the contacts for the
// picker, and the outbox of encounters waiting to be sent. Everything works without this file.
//
// An encounter logged offline is kept in IndexedDB with the form's client key (the hidden
// client_key field, new for each form) and shown as waiting, with the count in the header. When the
// connection returns (the online event, the next page load) each is sent in order; the server
// stores a key once, so a retry, a second tab or a sync cut off half-way never makes a duplicate.
// One the server refuses stays with its reason until it is discarded. Logging out, or another
// account in the same browser, wipes the device's copy and the cache.
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch) { return; }

  var body = document.body;
  var user = body.getAttribute("data-user") || "";
  var logUrl = body.getAttribute("data-log-url") || "/encounters/log/";
  var contactsUrl = body.getAttribute("data-device-contacts-url") || "";
  var words = document.getElementById("offline-words");
  function word(name) { return (words && words.getAttribute("data-" + name)) || ""; }

  if ("serviceWorker" in navigator && user) {
    // Offline, the update check fails quietly; the registration already there goes on working.
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { return null; });
  }

  // IndexedDB: "outbox" (waiting encounters, by client key), "contacts" (the picker's copy),
  // "meta" (whose data this is).
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open("weitblick", 1);
        request.onupgradeneeded = function () {
          var database = request.result;
          database.createObjectStore("outbox", { keyPath: "key" });
          database.createObjectStore("contacts", { keyPath: "id" });
          database.createObjectStore("meta");
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
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

  function forget() {
    var wiping = [];
    if (dbPromise) {
      wiping.push(dbPromise.then(function (database) { database.close(); }));
      dbPromise = null;
    }
    return Promise.all(wiping).then(function () {
      return new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase("weitblick");
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      });
    }).then(function () {
      if (!window.caches) { return null; }
      return caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      });
    });
  }

  // Logged out: nothing of this account stays on the device.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-logout") || form.hasAttribute("data-forgotten")) { return; }
    event.preventDefault();
    forget().then(function () {
      form.setAttribute("data-forgotten", "");
      form.submit();
    });
  }, true);

  // Nobody signed in (after a logout, or a session that ended): nothing of anyone stays here.
  if (!user) {
    forget();
    return;
  }

  // Another account signed in on this browser: the last one's copy and outbox go.
  function claimDevice() {
    return store("meta", "readonly", function (s) { return s.get("user"); }).then(function (owner) {
      if (owner !== undefined && owner !== user) {
        return forget().then(function () { return store("meta", "readwrite", function (s) { s.put(user, "user"); }); });
      }
      if (owner === undefined) { return store("meta", "readwrite", function (s) { s.put(user, "user"); }); }
      return null;
    });
  }

  // The picker's copy of the contacts, refreshed whenever the quick log is open online.
  function refreshContacts() {
    if (!contactsUrl || !navigator.onLine || !document.getElementById("quick-log")) { return Promise.resolve(); }
    return fetch(contactsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return null; }
        return store("contacts", "readwrite", function (s) {
          s.clear();
          data.contacts.forEach(function (contact) { s.put(contact); });
        });
      })
      .catch(function () { return null; });
  }

  // Offline, htmx would only fail: the picker answers from the device's copy instead.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (navigator.onLine) { return; }
    event.preventDefault();
    var input = event.detail.elt;
    if (input && input.getAttribute && input.getAttribute("name") === "who") { offlinePicker(input); }
  });

  function fold(text) { return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function offlinePicker(input) {
    var picker = input.closest("[data-picker]");
    var results = picker.querySelector(".picker-results");
    var query = input.value.trim();
    var chosen = Array.prototype.map.call(picker.querySelectorAll("input[name=participants]"), function (i) { return i.value; });
    results.replaceChildren();
    if (!query) { return; }
    all("contacts").then(function (contacts) {
      var wanted = fold(query);
      var exact = false;
      contacts.filter(function (c) {
        return chosen.indexOf(String(c.id)) === -1 && (fold(c.name).indexOf(wanted) !== -1 || fold(c.organisation).indexOf(wanted) !== -1);
      }).slice(0, 8).forEach(function (contact) {
        if (fold(contact.name) === wanted) { exact = true; }
        var button = option(contact.name + (contact.organisation ? " · " + contact.organisation : ""));
        button.addEventListener("click", function () { addChip(picker, { id: contact.id, name: contact.name }); });
        results.appendChild(button.parentNode);
      });
      if (!exact) {
        var add = option(word("add-new").replace("%(name)s", query));
        add.classList.add("picker-new");
        add.addEventListener("click", function () { addChip(picker, { name: query }); });
        results.appendChild(add.parentNode);
      }
      input.setAttribute("aria-expanded", results.children.length ? "true" : "false");
    });
  }

  function option(text) {
    var item = document.createElement("li");
    item.setAttribute("role", "option");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker-option";
    button.textContent = text;
    item.appendChild(button);
    return button;
  }

  function addChip(picker, person) {
    var chips = picker.querySelector(".chips");
    var chip = document.createElement("span");
    chip.className = "chip" + (person.id ? "" : " chip-new");
    if (person.id) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "participants";
      hidden.value = person.id;
      chip.appendChild(hidden);
      chip.appendChild(document.createTextNode(person.name));
    } else {
      var key = "new-person-" + Math.random().toString(36).slice(2, 10);
      chip.setAttribute("data-new-person", key);
      chip.appendChild(document.createTextNode(person.name + " "));
      var small = document.createElement("small");
      small.textContent = word("new");
      chip.appendChild(small);
      newPersonFields(picker.closest("form"), key, person.name);
    }
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.setAttribute("data-remove-chip", "");
    remove.setAttribute("aria-label", word("remove").replace("%(name)s", person.name));
    remove.textContent = "×";
    chip.appendChild(remove);
    chips.appendChild(chip);
    var input = picker.querySelector("input[type=search]");
    input.value = "";
    picker.querySelector(".picker-results").replaceChildren();
    input.focus();
  }

  // A new person's fields, from the <template> the quick log page carries for this; without it
  // (another page), the name alone.
  function newPersonFields(form, key, name) {
    var list = form.querySelector("#new-people");
    var template = document.getElementById("new-person-template");
    var fieldset;
    if (template) {
      fieldset = template.content.firstElementChild.cloneNode(true);
      fieldset.id = key;
      fieldset.querySelectorAll("[id]").forEach(function (node) { node.id = key + node.id.slice("new-person-template".length); });
      fieldset.querySelectorAll("[for]").forEach(function (node) { node.htmlFor = key + node.htmlFor.slice("new-person-template".length); });
      fieldset.querySelectorAll("[list]").forEach(function (node) { node.setAttribute("list", key + node.getAttribute("list").slice("new-person-template".length)); });
      fieldset.querySelectorAll("[data-name]").forEach(function (node) { node.textContent = node.textContent.replace("\u2063", name); });
    } else {
      fieldset = document.createElement("fieldset");
      fieldset.id = key;
      fieldset.className = "new-person";
    }
    var hidden = fieldset.querySelector("input[name=new_people]");
    if (!hidden) {
      hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "new_people";
      fieldset.insertBefore(hidden, fieldset.firstChild);
    }
    hidden.value = name;
    list.appendChild(fieldset);
  }

  // "Log it" with no connection, or a send that failed on the way: into the outbox.
  function isQuickLog(form) {
    return form && form.id === "quick-log" && form.querySelector("input[name=client_key]");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!isQuickLog(form) || navigator.onLine) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    keep(form);
  }, true);
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (isQuickLog(form)) { keep(form); }
  });

  function keep(form) {
    var data = new FormData(form);
    var keyField = form.querySelector("input[name=client_key]");
    var kind = form.querySelector("input[name=kind]:checked");
    var names = Array.prototype.map.call(form.querySelectorAll("#chips .chip"), function (chip) {
      var copy = chip.cloneNode(true);
      copy.querySelectorAll("small, button").forEach(function (node) { node.remove(); });
      return copy.textContent.trim();
    });
    var entry = {
      key: keyField.value || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now())),
      created: Date.now(),
      entries: Array.from(data.entries()).filter(function (pair) { return typeof pair[1] === "string"; }),
      summary: ((kind && kind.closest("label").textContent.trim()) || "") + (names.length ? " · " + names.join(", ") : ""),
      reason: ""
    };
    entry.entries = entry.entries.filter(function (pair) { return pair[0] !== "client_key"; }).concat([["client_key", entry.key]]);
    store("outbox", "readwrite", function (s) { s.put(entry); }).then(function () {
      // A fresh form with a new key, as after a log online.
      var preselect = form.querySelector("input[name=preselect]");
      form.querySelectorAll("#chips .chip").forEach(function (chip) {
        var id = chip.querySelector("input[name=participants]");
        if (!preselect || !id || id.value !== preselect.value) { chip.remove(); }
      });
      form.querySelectorAll("#new-people > *").forEach(function (node) { node.remove(); });
      ["location", "notes", "learned"].forEach(function (name) {
        var field = form.querySelector("[name=" + name + "]");
        if (field) { field.value = ""; }
      });
      keyField.value = crypto.randomUUID ? crypto.randomUUID() : String(Date.now());
      return render();
    }).then(function () { if (navigator.onLine) { sync(); } });
  }

  // The outbox on the page (the quick log page lists it) and its count in the header.
  function render() {
    return all("outbox").then(function (entries) {
      entries.sort(function (a, b) { return a.created - b.created; });
      var badge = document.getElementById("outbox-count");
      if (badge) {
        badge.textContent = entries.length ? String(entries.length) : "";
        badge.hidden = !entries.length;
        badge.setAttribute("aria-label", word("waiting").replace("%(count)s", entries.length));
      }
      var list = document.getElementById("outbox");
      if (!list) { return; }
      list.replaceChildren();
      entries.forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "outbox-item" + (entry.reason ? " outbox-refused" : "");
        item.setAttribute("data-key", entry.key);
        var text = document.createElement("span");
        text.textContent = entry.summary;
        var state = document.createElement("small");
        state.className = "badge" + (entry.reason ? " badge-warn" : "");
        state.textContent = entry.reason ? word("refused") : word("waiting-one");
        item.appendChild(text);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(state);
        if (entry.reason) {
          var reason = document.createElement("p");
          reason.className = "outbox-reason";
          reason.textContent = entry.reason;
          var discard = document.createElement("button");
          discard.type = "button";
          discard.className = "button-small button-quiet";
          discard.textContent = word("discard");
          discard.addEventListener("click", function () {
            store("outbox", "readwrite", function (s) { s.delete(entry.key); }).then(render);
          });
          item.appendChild(reason);
          item.appendChild(discard);
        }
        list.appendChild(item);
      });
      list.closest("[data-outbox]").hidden = !entries.length;
    });
  }

  function csrfToken() {
    var headers = body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (error) { return ""; }
  }

  // Send what waits, oldest first; stop at the first network failure and try again later.
  var syncing = null;
  function sync() {
    if (syncing || !navigator.onLine || !user) { return syncing || Promise.resolve(); }
    syncing = all("outbox").then(function (entries) {
      entries = entries.filter(function (e) { return !e.reason; }).sort(function (a, b) { return a.created - b.created; });
      var sent = 0;
      function next(index) {
        if (index >= entries.length) { return sent; }
        var entry = entries[index];
        var data = new FormData();
        entry.entries.forEach(function (pair) { data.append(pair[0], pair[1]); });
        return fetch(logUrl, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" }
        }).then(function (response) {
          if (response.ok && response.headers.get("X-Encounter-Logged")) {
            sent += 1;
            return store("outbox", "readwrite", function (s) { s.delete(entry.key); }).then(function () { return next(index + 1); });
          }
          if (response.ok) {
            // The form came back with its errors: the server refuses this one as it stands.
            return response.text().then(function (html) {
              var page = new DOMParser().parseFromString(html, "text/html");
              var errors = Array.prototype.map.call(page.querySelectorAll(".errorlist li, .non-field-errors li, .non-field-errors"), function (n) { return n.textContent.trim(); })
                .filter(function (t, i, list) { return t && list.indexOf(t) === i; });
              entry.reason = errors.join(" ") || word("refused");
              return store("outbox", "readwrite", function (s) { s.put(entry); }).then(function () { return next(index + 1); });
            });
          }
          return sent;  // a 403 or a 5xx: keep it waiting
        });
      }
      return next(0);
    }).catch(function () { return 0; }).then(function (sent) {
      syncing = null;
      return render().then(function () {
        if (sent && document.getElementById("outbox-sent")) {
          document.getElementById("outbox-sent").textContent = word("sent").replace("%(count)s", sent);
        }
        return sent;
      });
    });
    return syncing;
  }

  window.addEventListener("online", function () { sync(); refreshContacts(); });
  window.addEventListener("offline", render);
  // The page says when it works offline: the service worker controls it and the copy is fresh.
  var copied = false;
  function markReady() {
    if (!("serviceWorker" in navigator) || !copied) { return; }
    navigator.serviceWorker.ready.then(function () {
      if (navigator.serviceWorker.controller) { body.setAttribute("data-offline-ready", ""); }
    });
  }
  if ("serviceWorker" in navigator) { navigator.serviceWorker.addEventListener("controllerchange", markReady); }
  claimDevice().then(function () { return render(); }).then(function () {
    sync();
    return refreshContacts();
  }).then(function () {
    copied = true;
    markReady();
  });
  // For tests and the curious: the outbox's promise-returning sync.
  window.weitblickOutbox = { sync: sync, forget: forget };
})();
