/* Referral status: polls GET /api/v1/referrals/{id}/ until the referral is sent (or failed). */
(function () {
  "use strict";
  const section = document.getElementById("referral-progress");
  if (!section) return;
  // Words and the finished statuses from the server (json_script); the steps' order is the page's own.
  const data = JSON.parse(document.getElementById("referral-page-data").textContent);
  const ORDER = Array.from(section.querySelectorAll("[data-step]")).map(function (step) { return step.dataset.step; });
  const WORDS = data.referral_status_words;
  const FINISHED = data.finished;
  let delay = 1000;

  function show(referral) {
    const reached = ORDER.indexOf(referral.status);
    section.dataset.status = referral.status;
    section.querySelectorAll("[data-step]").forEach(function (step) {
      const index = ORDER.indexOf(step.dataset.step);
      step.classList.toggle("done", reached >= 0 && index <= reached);
      step.classList.toggle("current", index === reached);
      if (index === reached) step.setAttribute("aria-current", "step"); else step.removeAttribute("aria-current");
      const state = step.querySelector(".step-state");
      if (state) state.textContent = reached >= 0 && index <= reached ? " (done)" : " (waiting)";
    });
    const word = document.getElementById("referral-status-word");
    word.textContent = "";
    const tag = document.createElement("span");
    tag.className = "status-tag status-" + referral.status;
    tag.textContent = WORDS[referral.status] || referral.status;
    word.appendChild(tag);
    const hasPdf = Boolean(referral.pdf_url);
    document.getElementById("referral-download").hidden = !hasPdf;
    document.getElementById("referral-waiting").hidden = hasPdf || FINISHED.indexOf(referral.status) >= 0;
    const error = document.getElementById("referral-error");
    error.hidden = referral.status !== "failed";
    if (referral.status === "failed") error.textContent = referral.error || "Rendering or delivery failed.";
  }

  async function poll() {
    let result = null;
    try {
      result = await window.Workup.api(section.dataset.statusUrl, "GET");
    } catch (error) {
      result = null;
    }
    if (result && result.status === 200 && result.data) {
      show(result.data);
      if (FINISHED.indexOf(result.data.status) >= 0) return;
    }
    delay = Math.min(delay * 1.2, 5000);
    window.setTimeout(poll, delay);
  }

  if (FINISHED.indexOf(section.dataset.status) < 0) window.setTimeout(poll, delay);
})();
