/* The instruction editor: drag-and-drop ordering, a fresh preview after each change, and a warning
   before leaving with unsaved text. Every action also works without this file, as a plain form post. */
(function () {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const csrf = () => document.querySelector("input[name=csrfmiddlewaretoken]").value;

  function sendOrder(list) {
    const body = new FormData();
    body.append("section", list.dataset.section);
    list.querySelectorAll(":scope > li.item:not(.ms-4)").forEach((li) => body.append("item", li.dataset.id));
    fetch(editor.dataset.reorderUrl, {method: "POST", body: body, headers: {"X-CSRFToken": csrf(), "HX-Request": "true"}})
      .then((response) => response.text())
      .then(function (html) {
        const section = list.closest("section");
        section.insertAdjacentHTML("afterend", html);
        const fresh = section.nextElementSibling;
        section.remove();
        htmx.process(fresh);
        makeSortable(fresh);
        document.body.dispatchEvent(new Event("draft-changed"));
      });
  }

  function makeSortable(root) {
    root.querySelectorAll("ol.items").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      // The fallback drags with mouse events, the same on every browser and in automated tests.
      Sortable.create(list, {
        handle: ".handle", draggable: "li.item:not(.ms-4)", forceFallback: true, onEnd: () => sendOrder(list),
      });
    });
  }

  makeSortable(document);
  document.body.addEventListener("htmx:afterSwap", function (event) { makeSortable(event.detail.target.parentNode || document); });
  document.body.addEventListener("draft-changed", function () {
    const frame = document.getElementById("preview");
    if (frame) frame.contentWindow.location.reload();
    dirty.clear();
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
