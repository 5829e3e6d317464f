// Weitblick's small behaviours. Everything works without this file; it only makes things quicker.
(function () {
  "use strict";

  // Forms marked data-confirm ask before they submit.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // The participant picker: remove a chip, keyboard through the results, clear after a pick.
  function pickerOf(element) { return element.closest && element.closest("[data-picker]"); }

  document.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-remove-chip]");
    if (remove) {
      var picker = pickerOf(remove);
      var chip = remove.closest(".chip");
      // A new person's fields for who they are go with their chip.
      var fields = chip.getAttribute("data-new-person") && document.getElementById(chip.getAttribute("data-new-person"));
      if (fields) { fields.remove(); }
      chip.remove();
      if (picker) { picker.querySelector("input[type=search]").focus(); }
    }
  });

  document.addEventListener("keydown", function (event) {
    var picker = pickerOf(event.target);
    if (!picker) { return; }
    var input = picker.querySelector("input[type=search]");
    var options = Array.prototype.slice.call(picker.querySelectorAll(".picker-option"));
    var index = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      options[Math.min(index + 1, options.length - 1)].focus();
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      if (index <= 0) { input.focus(); } else { options[index - 1].focus(); }
    } else if (event.key === "Enter" && event.target === input && options.length) {
      // Enter in the search box picks the first match instead of submitting the half-filled form.
      event.preventDefault();
      options[0].click();
    } else if (event.key === "Escape") {
      picker.querySelector(".picker-results").innerHTML = "";
      input.focus();
    }
  });

  // Copy buttons: data-copy-target names the element whose text goes to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button || !navigator.clipboard) { return; }
    var source = document.querySelector(button.getAttribute("data-copy-target"));
    navigator.clipboard.writeText(source.textContent).then(function () {
      button.textContent = button.getAttribute("data-copied") || button.textContent;
    });
  });

  // The time-zone select (data-time-zone): a search box above it narrows the grouped list to the
  // zones that match, and the browser's own zone is offered with one button. Without this file the
  // select is still grouped by region; the words come from the select's data attributes.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[_\/]/g, " ").toLowerCase();
  }

  function enhanceTimeZone(select) {
    if (select.hasAttribute("data-enhanced")) { return; }
    select.setAttribute("data-enhanced", "");
    var original = Array.prototype.map.call(select.children, function (node) { return node.cloneNode(true); });
    var search = document.createElement("input");
    search.type = "search";
    search.className = "tz-search";
    search.placeholder = select.getAttribute("data-search-placeholder") || "";
    search.setAttribute("aria-label", select.getAttribute("data-search-label") || "");
    search.setAttribute("aria-controls", select.id);
    search.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "tz-status";
    status.setAttribute("role", "status");
    select.parentNode.insertBefore(search, select);
    select.parentNode.insertBefore(status, select.nextSibling);

    function matches(option, group) {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var haystack = fold([group, option.value, option.textContent].join(" "));
      return words.every(function (word) { return haystack.indexOf(word) !== -1; });
    }

    function filter() {
      var chosen = select.value;
      var kept = [];
      var count = 0;
      original.forEach(function (node) {
        if (node.tagName === "OPTGROUP") {
          var group = node.cloneNode(false);
          Array.prototype.forEach.call(node.children, function (option) {
            if (matches(option, node.label)) { group.appendChild(option.cloneNode(true)); count += 1; }
          });
          if (group.children.length) { kept.push(group); }
        } else if (matches(node, "")) {
          kept.push(node.cloneNode(true));
          count += 1;
        }
      });
      var query = search.value.trim();
      if (!count) {
        // Nothing matches: keep the whole list (and the choice) and say so.
        kept = original.map(function (node) { return node.cloneNode(true); });
        status.textContent = select.getAttribute("data-no-match") || "";
      } else {
        status.textContent = "";
      }
      select.replaceChildren.apply(select, kept);
      var values = Array.prototype.map.call(select.options, function (option) { return option.value; });
      select.value = values.indexOf(chosen) !== -1 ? chosen : values[0];
      if (query && count) { select.size = Math.min(8, count + select.querySelectorAll("optgroup").length); } else { select.removeAttribute("size"); }
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") { event.preventDefault(); select.focus(); }
    });

    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    var known = original.some(function (node) {
      return node.value === zone || (node.tagName === "OPTGROUP" && Array.prototype.some.call(node.children, function (o) { return o.value === zone; }));
    });
    if (zone && known && zone !== select.value) {
      var suggest = document.createElement("button");
      suggest.type = "button";
      suggest.className = "link-button tz-suggest";
      suggest.textContent = (select.getAttribute("data-suggest") || "%(zone)s").replace("%(zone)s", zone.replace(/_/g, " "));
      suggest.addEventListener("click", function () {
        search.value = "";
        filter();
        select.value = zone;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        suggest.remove();
        select.focus();
      });
      status.parentNode.insertBefore(suggest, status);
    }
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[data-time-zone]"), enhanceTimeZone);
  }
  enhanceAll(document);
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
  // The header's search: Escape or a click elsewhere closes the results as you type.
  function closeSearchPanels(except) {
    document.querySelectorAll("[data-site-search] .search-panel").forEach(function (panel) {
      if (!except || !except.contains(panel)) { panel.innerHTML = ""; }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest && event.target.closest("[data-site-search]")) {
      closeSearchPanels(null);
    }
  });
  document.addEventListener("click", function (event) {
    closeSearchPanels(event.target.closest && event.target.closest("[data-site-search]"));
  });

  // A link to something inside a folded <details> (the contact page's "#log-heading") opens it.
  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var folded = target && target.closest("details:not([open])");
    if (folded) { folded.setAttribute("open", ""); target.scrollIntoView(); }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // The header's menu is a <details> that works alone; this closes it as a menu would: on Escape
  // (focus back on its button) and on a click outside it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      menu.removeAttribute("open");
      if (menu.contains(document.activeElement)) { menu.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.classList && target.classList.contains("chips")) {
      var picker = pickerOf(target);
      var input = picker.querySelector("input[type=search]");
      input.value = "";
      picker.querySelector(".picker-results").innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.focus();
    } else if (target && target.classList && target.classList.contains("picker-results")) {
      var box = pickerOf(target).querySelector("input[type=search]");
      box.setAttribute("aria-expanded", target.children.length ? "true" : "false");
    }
  });
})();
