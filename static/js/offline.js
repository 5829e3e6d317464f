// The quick log without a connection: the service worker, the device's copy of the contacts for the
// picker, and the outbox of encounters waiting to be sent. Everything works without this file.
//
// An encounter logged offline is kept in IndexedDB (static/js/outbox.js) with the form's client
// key (the hidden client_key field, new for each form) and shown as waiting, with the count in the
// header. When the connection returns (Background Sync where the browser has it, the online event,
// the next page load) each is sent in order; the server stores a key once, so a retry, a second
// tab or a sync cut off half-way never makes a duplicate. One the server refuses stays with its
// reason until it is fixed ("Edit": back into the quick log, sent again under its own key) or
// discarded. Logging out (after saying what still waits), or another account in the same browser,
// wipes the device's copy and the cache; a session that merely ended keeps the waiting encounters.
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch || !window.WeitblickOutbox) { return; }
  var outbox = window.WeitblickOutbox;

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

  var store = outbox.store;
  var all = outbox.all;

  function forget() {
    return outbox.close().then(function () {
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

  // Logged out: nothing of this account stays on the device. What still waits is sent first when
  // the connection allows; what cannot be sent is named, and logging out deletes it only when the
  // person says so (nothing typed is lost silently).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-logout") || form.hasAttribute("data-forgotten")) { return; }
    event.preventDefault();
    var ready = (user && navigator.onLine) ? sync().catch(function () { return null; }) : Promise.resolve();
    ready.then(function () { return deviceHasDatabase() ? all("outbox") : []; }).then(function (waiting) {
      if (waiting.length && !window.confirm(word("logout-waiting").replace("%(count)s", waiting.length))) { return null; }
      return forget().then(function () {
        form.setAttribute("data-forgotten", "");
        form.submit();
      });
    });
  }, true);

  function deviceHasDatabase() {
    if (!indexedDB.databases) { return Promise.resolve(true); }
    return indexedDB.databases().then(function (list) {
      return list.some(function (database) { return database.name === "weitblick"; });
    });
  }

  // Nobody signed in: after a logout everything is already gone (above). A session that ended on
  // its own is not a logout: the copy of the contacts and the cached pages go, but encounters still
  // waiting stay until their account signs in again (and are sent) or another account claims the
  // browser (claimDevice).
  if (!user) {
    deviceHasDatabase().then(function (exists) {
      if (!exists) { return null; }
      return store("contacts", "readwrite", function (s) { s.clear(); }).then(function () { return outbox.close(); });
    }).catch(function () { return null; }).then(function () {
      if (!window.caches) { return null; }
      return caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      });
    });
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

  // A chosen participant: an existing contact (its id goes with the form), a new person (their
  // fields for who they are come with the chip), or, when a refused entry is being fixed, a contact
  // no longer among the user's (flagged; it must be removed before the entry is sent again).
  function addChip(picker, person, options) {
    var chips = picker.querySelector(".chips");
    var chip = document.createElement("span");
    var fieldset = null;
    chip.className = "chip" + (person.gone ? " chip-gone" : person.id ? "" : " chip-new");
    if (person.gone) {
      chip.setAttribute("data-gone", person.id || "");
      chip.appendChild(document.createTextNode(person.name + " "));
      var flag = document.createElement("small");
      flag.textContent = word("gone");
      chip.appendChild(flag);
    } else if (person.id) {
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
      fieldset = newPersonFields(picker.closest("form"), key, person.name);
    }
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.setAttribute("data-remove-chip", "");
    remove.setAttribute("aria-label", word("remove").replace("%(name)s", person.name));
    remove.textContent = "×";
    chip.appendChild(remove);
    chips.appendChild(chip);
    if (!(options && options.quiet)) {
      var input = picker.querySelector("input[type=search]");
      input.value = "";
      picker.querySelector(".picker-results").replaceChildren();
      input.focus();
    }
    return fieldset;
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
    return fieldset;
  }

  // "Log it" with no connection, or a send that failed on the way: into the outbox. A refused
  // entry being fixed goes back into the outbox too, online or not, and is sent from there: the
  // device lets go of it only when the server has accepted it.
  function isQuickLog(form) {
    return form && form.id === "quick-log" && form.querySelector("input[name=client_key]");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!isQuickLog(form) || (navigator.onLine && !fixing)) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var gone = fixing && form.querySelector("#chips [data-gone]");
    if (gone) {
      var problem = document.getElementById("outbox-fixing-problem");
      if (problem) { problem.textContent = word("gone-first"); problem.hidden = false; }
      gone.querySelector("[data-remove-chip]").focus();
      return;
    }
    keep(form);
  }, true);
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (isQuickLog(form)) { keep(form); }
  });

  function newKey() { return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2); }

  function keep(form) {
    var data = new FormData(form);
    var keyField = form.querySelector("input[name=client_key]");
    var kind = form.querySelector("input[name=kind]:checked");
    var people = [];
    var names = Array.prototype.map.call(form.querySelectorAll("#chips .chip"), function (chip) {
      var copy = chip.cloneNode(true);
      copy.querySelectorAll("small, button").forEach(function (node) { node.remove(); });
      var name = copy.textContent.trim();
      var id = chip.querySelector("input[name=participants]");
      if (id) { people.push({ id: id.value, name: name }); }
      return name;
    });
    var fixed = fixing;
    var entry = {
      key: keyField.value || newKey(),
      // A fixed entry keeps its place in the line.
      created: fixed ? fixed.created : Date.now(),
      entries: Array.from(data.entries()).filter(function (pair) { return typeof pair[1] === "string"; }),
      people: people,
      summary: ((kind && kind.closest("label").textContent.trim()) || "") + (names.length ? " · " + names.join(", ") : ""),
      reason: ""
    };
    if (fixed) { entry.key = fixed.key; }
    entry.entries = entry.entries.filter(function (pair) { return pair[0] !== "client_key"; }).concat([["client_key", entry.key]]);
    return store("outbox", "readwrite", function (s) { s.put(entry); }).then(function () {
      stopFixing(form);
      return render();
    }).then(function () {
      askForBackgroundSync();
      if (navigator.onLine) { sync(); }
    });
  }

  // The form as after a log: no chips (but the page's own contact), empty texts, a new key.
  function clearForm(form) {
    var preselect = form.querySelector("input[name=preselect]");
    form.querySelectorAll("#chips .chip").forEach(function (chip) {
      var id = chip.querySelector("input[name=participants]");
      if (!preselect || !id || id.value !== preselect.value) { chip.remove(); }
    });
    form.querySelectorAll("#new-people > *").forEach(function (node) { node.remove(); });
    ["location", "notes", "learned", "who"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field) { field.value = ""; }
    });
    form.querySelector("input[name=client_key]").value = newKey();
  }

  // Fixing a refused entry: its data back in the quick log, the contacts still there as chips, the
  // one deleted since flagged. Nothing changes on the device until "Send again": leaving the page
  // or "Keep it as it was" leaves the entry waiting as it was.
  var fixing = null;
  var FIELDS = ["kind", "occurred_on", "time", "planned", "location", "notes", "learned", "views", "create_missing", "who"];

  function setField(form, name, value) {
    form.querySelectorAll("[name=" + name + "]").forEach(function (field) {
      if (field.closest("#new-people")) { return; }
      if (field.type === "radio") { field.checked = field.value === value; }
      else if (field.type === "checkbox") { field.checked = true; }
      else { field.value = value; }
    });
  }

  function edit(entry) {
    var form = document.getElementById("quick-log");
    var notice = document.getElementById("outbox-fixing");
    if (!form || !notice) { return Promise.resolve(); }
    return all("contacts").then(function (contacts) {
      var known = {};
      contacts.forEach(function (contact) { known[String(contact.id)] = contact; });
      var named = {};
      (entry.people || []).forEach(function (person) { named[String(person.id)] = person.name; });
      if (fixing) { stopFixing(form); }
      clearForm(form);
      form.querySelectorAll("input[name=create_missing]").forEach(function (box) { box.checked = false; });
      var picker = form.querySelector("[data-picker]");
      var person = null;
      var texts = {};
      entry.entries.forEach(function (pair) {
        var name = pair[0];
        var value = pair[1];
        if (name === "participants") {
          // The server says who is gone; an archived contact is missing from the device's copy
          // but still one of the user's.
          var label = (known[value] && known[value].name) || named[value];
          if ((entry.gone || []).indexOf(value) !== -1) {
            addChip(picker, { id: value, name: label || word("gone-someone"), gone: true }, { quiet: true });
          } else {
            addChip(picker, { id: value, name: label || word("a-contact") }, { quiet: true });
          }
        } else if (name === "new_people") {
          person = addChip(picker, { name: value }, { quiet: true });
        } else if (name.indexOf("new_") === 0 && person) {
          var field = person.querySelector("[name=" + name + "]");
          if (field && value) {
            field.value = value;
            var more = person.querySelector("details");
            if (more) { more.open = true; }
          }
        } else if (FIELDS.indexOf(name) !== -1) {
          setField(form, name, value);
          texts[name] = value;
        }
      });
      if (texts.location || texts.notes || texts.learned || texts.views) {
        var details = form.querySelector("details.more");
        if (details) { details.open = true; }
      }
      form.querySelector("input[name=client_key]").value = entry.key;
      fixing = { key: entry.key, created: entry.created };
      notice.querySelector("[data-fixing-reason]").textContent = entry.reason;
      document.getElementById("outbox-fixing-problem").hidden = true;
      notice.hidden = false;
      var button = form.querySelector("button[type=submit]");
      if (button && !button.hasAttribute("data-label")) {
        button.setAttribute("data-label", button.textContent);
        button.textContent = word("send-again");
      }
      notice.scrollIntoView({ block: "start" });
      notice.focus();
      return render();
    });
  }

  function stopFixing(form) {
    var notice = document.getElementById("outbox-fixing");
    if (notice) { notice.hidden = true; }
    var button = form.querySelector("button[type=submit][data-label]");
    if (button) {
      button.textContent = button.getAttribute("data-label");
      button.removeAttribute("data-label");
    }
    fixing = null;
    clearForm(form);
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-fixing-cancel]")) { return; }
    var form = document.getElementById("quick-log");
    if (form) { stopFixing(form); render(); }
  });

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
        var beingFixed = fixing && fixing.key === entry.key;
        var item = document.createElement("li");
        item.className = "outbox-item" + (entry.reason ? " outbox-refused" : "") + (beingFixed ? " outbox-fixing" : "");
        item.setAttribute("data-key", entry.key);
        var text = document.createElement("span");
        text.textContent = entry.summary;
        var state = document.createElement("small");
        state.className = "badge" + (entry.reason ? " badge-warn" : "");
        state.textContent = beingFixed ? word("fixing") : entry.reason ? word("refused") : word("waiting-one");
        item.appendChild(text);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(state);
        if (entry.reason) {
          var reason = document.createElement("p");
          reason.className = "outbox-reason";
          reason.textContent = entry.reason;
          item.appendChild(reason);
        }
        if (entry.reason && !beingFixed) {
          var actions = document.createElement("div");
          actions.className = "outbox-actions";
          var fix = document.createElement("button");
          fix.type = "button";
          fix.className = "button-small";
          fix.textContent = word("edit");
          fix.addEventListener("click", function () { edit(entry); });
          var discard = document.createElement("button");
          discard.type = "button";
          discard.className = "button-small button-quiet";
          discard.textContent = word("discard");
          discard.addEventListener("click", function () {
            store("outbox", "readwrite", function (s) { s.delete(entry.key); }).then(render);
          });
          actions.appendChild(fix);
          actions.appendChild(discard);
          item.appendChild(actions);
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

  function showSent(sent) {
    var line = document.getElementById("outbox-sent");
    if (sent && line) { line.textContent = word("sent").replace("%(count)s", sent); }
  }

  // Send what waits, oldest first, from this page (outbox.js does the sending).
  var syncing = null;
  function sync() {
    if (syncing || !navigator.onLine || !user) { return syncing || Promise.resolve(0); }
    syncing = outbox.send({ url: logUrl, csrf: csrfToken(), user: user, refusedWord: word("refused") }).then(function (outcome) {
      syncing = null;
      return render().then(function () {
        showSent(outcome.sent);
        return outcome.sent;
      });
    });
    return syncing;
  }

  // Background Sync where the browser has it: the service worker sends what waits when the
  // connection is back, even with no Weitblick page open. Elsewhere the online event and the next
  // page load do it.
  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) { return Promise.resolve(false); }
    return navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.sync) { return false; }
      return registration.sync.register(outbox.tag).then(function () { return true; });
    }).catch(function () { return false; });
  }
  if ("serviceWorker" in navigator) {
    // The service worker sent some: the list and the count follow.
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (!event.data || event.data.type !== "outbox-sent") { return; }
      render().then(function () { showSent(event.data.sent); });
    });
    navigator.serviceWorker.startMessages();
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
  // For tests and the curious: the outbox's promise-returning sync, and Background Sync's request.
  window.weitblickOutbox = { sync: sync, forget: forget, askForBackgroundSync: askForBackgroundSync };
})();
