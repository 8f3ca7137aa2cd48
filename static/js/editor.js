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
