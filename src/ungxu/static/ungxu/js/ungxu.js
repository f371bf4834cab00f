/*
 * ungxu — the shell's only script (CSP allows 'self' scripts, never inline ones).
 * Loaded in <head> without defer so the "js" class is set before first paint: the
 * stylesheet folds the phone menu only when this script runs, so without JS the
 * navigation simply stays visible.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setupNavToggle() {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) {
      return;
    }
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) {
      return;
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("is-open", !open);
      if (!open) {
        var first = nav.querySelector("a");
        if (first) {
          first.focus();
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        nav.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  // The user menu is a <details>: close it on Escape or a click elsewhere.
  function setupUserMenu() {
    var menu = document.querySelector("[data-user-menu]");
    if (!menu) {
      return;
    }
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // Buttons with data-confirm ask before submitting (e.g. rotating an API token).
  function setupConfirm() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var message = form.getAttribute && form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
      }
    });
  }

  // Copy buttons for one-time secrets (API token, TOTP secret).
  function setupCopy() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-copy]") : null;
      if (!button || !navigator.clipboard) {
        return;
      }
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (source) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = "Đã sao chép";
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupNavToggle();
    setupUserMenu();
    setupConfirm();
    setupCopy();
  });
})();
