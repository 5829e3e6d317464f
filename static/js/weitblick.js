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
      remove.closest(".chip").remove();
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
