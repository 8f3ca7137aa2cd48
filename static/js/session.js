/* An htmx request after the session ended answers 401 and replaces nothing, so typed text stays where it is.
   This shows why nothing happened, with a link that opens the login page in another tab; when the person
   comes back, the forms take the new session's CSRF token (the login changed it), and the same button works. */
(function () {
  "use strict";
  let notice = null;

  function freshToken() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    if (!cookie) return;
    const token = decodeURIComponent(cookie.slice("csrftoken=".length));
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach((input) => { input.value = token; });
  }

  function show(answer) {
    if (notice) notice.remove();
    notice = document.createElement("div");
    notice.className = "alert alert-warning shadow session-expired";
    notice.setAttribute("role", "alert");
    notice.textContent = answer.message + " ";
    const link = document.createElement("a");
    link.href = answer.login_url;
    link.target = "_blank";
    link.rel = "opener";
    link.className = "alert-link";
    link.textContent = answer.login_label;
    notice.appendChild(link);
    document.body.prepend(notice);
  }

  document.body.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    if (xhr.status !== 401) return;
    let answer;
    try { answer = JSON.parse(xhr.responseText); } catch (error) { return; }
    if (answer.error !== "session_expired") return;
    show(answer);
  });

  window.addEventListener("focus", function () {
    if (!notice) return;
    freshToken();
    notice.remove();
    notice = null;
  });
})();
