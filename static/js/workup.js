/* Workup: helpers shared by the pages. No inline scripts anywhere: the CSP allows only these files. */
(function () {
  "use strict";

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* JSON request with the session cookie and CSRF header; resolves to {status, data}, never throws on HTTP errors. */
  async function api(url, method, body, options) {
    const response = await fetch(url, Object.assign({
      method: method,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "XMLHttpRequest"
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    }, options || {}));
    let data = null;
    try { data = await response.json(); } catch (error) { data = null; }
    return { status: response.status, data: data };
  }

  /* A link to an item (#item-…) also moves keyboard focus to that item's first control. */
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[href^='#item-']");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    const control = target.querySelector("input, select, textarea");
    if (control) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      control.focus({ preventScroll: true });
    }
  });

  window.Workup = { api: api, csrfToken: csrfToken };
})();
