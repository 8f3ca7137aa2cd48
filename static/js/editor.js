/* The instruction editor: drag-and-drop ordering, the preview refreshed once the edits pause, a clear message
   when an action fails, and a warning before leaving with unsaved text. Every action also works without this
   file, as a plain form post. */
(function () {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const alerts = document.getElementById("editor-alerts");
  // A burst of edits (a few clauses moved in a row) reloads the preview once, after the last of them.
  const PREVIEW_DELAY_MS = 800;
  const csrf = () => document.querySelector("input[name=csrfmiddlewaretoken]").value;

  function showError(message) {
    const alert = document.createElement("div");
    alert.className = "alert alert-danger py-2 editor-error";
    alert.setAttribute("role", "alert");
    alert.textContent = message;
    alerts.replaceChildren(alert);
    alert.scrollIntoView({block: "nearest"});
  }

  // Nothing is swapped in when an action fails, so the typed text stays where it is; the page says why.
  document.body.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr.status;
    if (status === 401) return; // the session ended: session.js offers to log in again
    showError(editor.dataset.errorMessage.replace("{status}", status));
  });
  document.body.addEventListener("htmx:sendError", function () { showError(editor.dataset.offlineMessage); });
  // An answer that is not a piece of this page (say, a proxy's JSON) is not swapped in either.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    if (!event.detail.shouldSwap || xhr.status === 204) return;
    if (!(xhr.getResponseHeader("Content-Type") || "").startsWith("text/html")) {
      event.detail.shouldSwap = false;
      showError(editor.dataset.errorMessage.replace("{status}", xhr.status));
    }
  });
  // The next action that succeeds clears the message; a panel or the checks loading in the background (a GET
  // that may answer after the failure) do not.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    const config = event.detail.requestConfig;
    if (config && config.verb !== "get") alerts.replaceChildren();
  });

  // Only clauses are dragged; a sub-item moves with its clause.
  function sendOrder(list) {
    const items = Array.from(list.querySelectorAll(":scope > li.item:not(.sub-item)"), (li) => li.dataset.id);
    htmx.ajax("POST", editor.dataset.reorderUrl, {
      source: list,
      target: list.closest("section"),
      swap: "outerHTML",
      values: {section: list.dataset.section, item: items},
      headers: {"X-CSRFToken": csrf()},
    });
  }

  function makeSortable(root) {
    root.querySelectorAll("ol.items").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      // The fallback drags with mouse events, the same on every browser and in automated tests.
      Sortable.create(list, {
        handle: ".handle", draggable: "li.item:not(.sub-item)", forceFallback: true, onEnd: () => sendOrder(list),
      });
    });
  }

  makeSortable(document);
  document.body.addEventListener("htmx:afterSwap", function (event) { makeSortable(event.detail.target.parentNode || document); });
  let previewTimer = null;
  document.body.addEventListener("draft-changed", function () {
    dirty.clear();
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      const frame = document.getElementById("preview");
      if (frame) frame.contentWindow.location.reload();
    }, PREVIEW_DELAY_MS);
  });

  // Clauses print with the position's name; the switch shows the placeholder codes instead.
  const codes = document.getElementById("show-codes");
  if (codes) {
    codes.checked = sessionStorage.getItem("editor-show-codes") === "1";
    editor.classList.toggle("show-codes", codes.checked);
    codes.addEventListener("change", function () {
      editor.classList.toggle("show-codes", codes.checked);
      sessionStorage.setItem("editor-show-codes", codes.checked ? "1" : "0");
    });
  }

  // A clause added from the library panel is marked there; the panel stays open for the next one.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    const form = event.detail.elt;
    if (!form.matches || !form.matches("form.library-result") || !event.detail.successful) return;
    form.classList.add("added");
    const button = form.querySelector("button");
    if (button && button.dataset.added) button.textContent = button.dataset.added;
  });

  // Unsaved text: any textarea typed into and not yet submitted.
  const dirty = new Set();
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea")) dirty.add(event.target);
  });
  document.addEventListener("submit", function (event) {
    event.target.querySelectorAll("textarea").forEach((t) => dirty.delete(t));
  });
  window.addEventListener("beforeunload", function (event) {
    const unsaved = Array.from(dirty).some((t) => document.body.contains(t) && t.value.trim() !== "" && t.value !== t.defaultValue);
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
})();
