/* The encounter form: live assessment and autosave (PATCH with the version; 409 = conflict).
 *
 * Answers are read from the form generated from the checklist: every item's container carries data-code,
 * data-type and data-widget. The page never keeps answers only in memory for long: each change is saved
 * after a short pause, and a stale version is shown as a conflict instead of overwriting the other change.
 *
 * This script decides nothing clinical: the server's preview (POST …/preview/) judges the unsaved answers
 * and override — assessment, effective urgency, sign-off blockers, whether the override may be saved — and
 * the words come from the server's vocabulary (json_script #encounter-page-data). The script renders them.
 */
(function () {
  "use strict";
  const form = document.getElementById("encounter-form");
  if (!form) return;

  const api = window.Workup.api;
  const panel = document.getElementById("assessment-panel");
  const vocabulary = JSON.parse(document.getElementById("encounter-page-data").textContent);
  const statusElement = document.getElementById("save-status");
  const conflictAlert = document.getElementById("conflict-alert");
  const errorAlert = document.getElementById("save-error-alert");
  const overrideTier = document.getElementById("override-tier");
  const overrideReason = document.getElementById("override-reason");
  const overrideError = document.getElementById("override-error");
  const signForm = document.getElementById("sign-form");
  const signVersion = document.getElementById("sign-version");
  const items = Array.from(form.querySelectorAll("[data-code]"));
  const itemsByCode = {};
  items.forEach(function (element) { itemsByCode[element.dataset.code] = element; });

  const INVALID = {};
  const SAVE_DELAY = 500;
  const ASSESS_DELAY = 200;

  let version = parseInt(form.dataset.version, 10);
  let saveTimer = null;
  let assessTimer = null;
  let inFlight = null;
  let conflict = false;
  let assessSequence = 0;
  let lastPreview = null; // the server's judgement of the latest answers and override
  let overrideVerdict = null; // {override: JSON of the override judged, accepted: may it be saved}
  const rejected = {}; // code → JSON of a value the server refused: not re-sent until it changes

  // --- Reading the form -------------------------------------------------------------------

  function readItem(element) {
    const widget = element.dataset.widget;
    const type = element.dataset.type;
    if (widget === "yesno" || widget === "radio") {
      const checked = element.querySelector("input[type=radio]:checked");
      if (!checked) return null;
      return widget === "yesno" ? checked.value === "true" : checked.value;
    }
    if (widget === "checkboxes") {
      const values = Array.from(element.querySelectorAll("input[type=checkbox]:checked")).map(function (input) {
        return input.value;
      });
      return values.length ? values : null;
    }
    if (widget === "select") {
      const select = element.querySelector("select");
      if (!select.value) return null;
      return type === "int" ? parseInt(select.value, 10) : select.value;
    }
    if (widget === "number") {
      const input = element.querySelector("input");
      if (input.value.trim() === "") return input.validity.badInput ? INVALID : null;
      const number = Number(input.value);
      const minimum = Number(input.min);
      const maximum = Number(input.max);
      if (!Number.isInteger(number) || number < minimum || number > maximum) return INVALID;
      return number;
    }
    const text = element.querySelector("textarea").value;
    return text.trim() === "" ? null : text;
  }

  function readAnswers() {
    const values = {};
    const invalid = [];
    items.forEach(function (element) {
      const value = readItem(element);
      if (value === INVALID) invalid.push(element.dataset.code);
      else values[element.dataset.code] = value;
    });
    return { values: values, invalid: invalid };
  }

  function readOverride() {
    return { urgency_override: overrideTier.value, override_reason: overrideReason.value.trim() };
  }

  let saved = readAnswers().values;
  let savedOverride = readOverride();

  function same(a, b) {
    return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
  }

  function answerChanges() {
    const current = readAnswers().values;
    const changes = {};
    Object.keys(current).forEach(function (code) {
      if (same(current[code], saved[code])) return;
      if (rejected[code] !== undefined && rejected[code] === JSON.stringify(current[code])) return;
      changes[code] = current[code];
    });
    return changes;
  }

  function overrideAwaitingVerdict() {
    const override = readOverride();
    return !same(override, savedOverride) &&
      !(overrideVerdict && overrideVerdict.override === JSON.stringify(override));
  }

  /* The override to send: only one the server's preview has accepted, so an incomplete one is never sent. */
  function overrideChange() {
    const override = readOverride();
    if (same(override, savedOverride)) return null;
    const accepted = overrideVerdict && overrideVerdict.accepted &&
      overrideVerdict.override === JSON.stringify(override);
    return accepted ? override : null;
  }

  // --- Save state -------------------------------------------------------------------------

  const STATUS_WORDS = {
    saved: "Saved",
    pending: "Unsaved changes…",
    saving: "Saving…",
    error: "Not saved: see the message",
    offline: "Not saved: connection lost, retrying…",
    conflict: "Not saved: changed elsewhere"
  };

  function setStatus(state) {
    statusElement.dataset.state = state;
    statusElement.textContent = STATUS_WORDS[state];
  }

  /* Tie an error to its controls, so a screen reader reads it with them and knows they are invalid. */
  function markControls(controls, errorId, invalid) {
    controls.forEach(function (control) {
      const others = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== errorId;
      });
      const described = invalid ? others.concat([errorId]) : others;
      if (described.length) control.setAttribute("aria-describedby", described.join(" "));
      else control.removeAttribute("aria-describedby");
      if (invalid) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
  }

  function showItemError(code, message) {
    const element = itemsByCode[code];
    if (!element) return false;
    const slot = element.querySelector("[data-error]");
    slot.textContent = message;
    slot.hidden = !message;
    element.classList.toggle("has-error", Boolean(message));
    markControls(Array.from(element.querySelectorAll("input, select, textarea")), slot.id, Boolean(message));
    return true;
  }

  const OVERRIDE_CONTROLS = { urgency_override: overrideTier, override_reason: overrideReason };

  function showOverrideErrors(errors, note) {
    const keys = Object.keys(errors || {});
    overrideError.textContent = keys.map(function (key) { return [].concat(errors[key]).join(" "); })
      .concat(keys.length && note ? [note] : []).join(" ");
    overrideError.hidden = !keys.length;
    Object.keys(OVERRIDE_CONTROLS).forEach(function (key) {
      markControls([OVERRIDE_CONTROLS[key]], overrideError.id, keys.indexOf(key) >= 0);
    });
  }

  function showInvalidInputs(invalid) {
    invalid.forEach(function (code) {
      const input = itemsByCode[code].querySelector("input");
      showItemError(code, "Enter a whole number from " + input.min + " to " + input.max + ".");
    });
  }

  function showServerErrors(errors) {
    const general = [];
    const overrideErrors = {};
    Object.keys(errors || {}).forEach(function (key) {
      const messages = [].concat(errors[key]).join(" ");
      if (key in OVERRIDE_CONTROLS) {
        overrideErrors[key] = messages;
      } else if (!showItemError(key, messages)) {
        general.push(messages);
      }
    });
    if (Object.keys(overrideErrors).length) showOverrideErrors(overrideErrors);
    if (general.length) {
      errorAlert.textContent = "Not saved: " + general.join(" ");
      errorAlert.hidden = false;
    }
  }

  function showConflict() {
    conflict = true;
    window.clearTimeout(saveTimer);
    conflictAlert.hidden = false;
    setStatus("conflict");
    conflictAlert.scrollIntoView({ block: "nearest" });
  }

  // --- Autosave ---------------------------------------------------------------------------

  function scheduleSave() {
    if (conflict) return;
    setStatus("pending");
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, SAVE_DELAY);
  }

  /* Send what changed since the last confirmed save; one request at a time, each on the latest version. */
  function save() {
    if (conflict) return Promise.resolve(false);
    if (inFlight) return inFlight.then(save);
    window.clearTimeout(saveTimer);
    const changes = answerChanges();
    const override = overrideChange();
    if (!Object.keys(changes).length && !override) {
      if (overrideAwaitingVerdict()) return Promise.resolve(true); // the preview's answer saves it, or not
      if (statusElement.dataset.state === "pending" || statusElement.dataset.state === "saving") setStatus("saved");
      return Promise.resolve(true);
    }
    const body = { version: version, answers: changes };
    if (override) Object.assign(body, override);
    setStatus("saving");
    inFlight = api(form.dataset.patchUrl, "PATCH", body).then(function (result) {
      inFlight = null;
      if (result.status === 200) {
        version = result.data.version;
        signVersion.value = String(version);
        Object.keys(changes).forEach(function (code) {
          saved[code] = changes[code];
          delete rejected[code];
        });
        if (override) {
          savedOverride = override;
          showOverrideErrors({});
        }
        errorAlert.hidden = true;
        if (Object.keys(answerChanges()).length || overrideChange()) return save();
        setStatus("saved");
        return true;
      }
      if (result.status === 409) {
        showConflict();
        return false;
      }
      if (result.status === 400) {
        let newlyRejected = 0;
        Object.keys(result.data || {}).forEach(function (code) {
          if (code in changes) {
            rejected[code] = JSON.stringify(changes[code]);
            newlyRejected += 1;
          }
        });
        showServerErrors(result.data);
        setStatus("error");
        // The other changes of the refused request are still good: send them without the refused ones.
        if (newlyRejected && Object.keys(answerChanges()).length) {
          return save().then(function () { setStatus("error"); return false; });
        }
        return false;
      }
      if (result.status === 403 || result.status === 401) {
        errorAlert.textContent = "Not saved: this account may not change the encounter, or you have been " +
          "logged out. Log in again in another tab, then make a change here.";
        errorAlert.hidden = false;
        setStatus("error");
        return false;
      }
      errorAlert.textContent = "Not saved: the server answered " + result.status + ". Your answers are still on this page; retrying…";
      errorAlert.hidden = false;
      setStatus("offline");
      saveTimer = window.setTimeout(save, 3000);
      return false;
    }, function () {
      inFlight = null;
      setStatus("offline");
      saveTimer = window.setTimeout(save, 3000);
      return false;
    });
    return inFlight;
  }

  // --- Live assessment --------------------------------------------------------------------

  function scheduleAssess() {
    window.clearTimeout(assessTimer);
    assessTimer = window.setTimeout(assess, ASSESS_DELAY);
  }

  function assess() {
    const sequence = ++assessSequence;
    const answers = readAnswers();
    const override = readOverride();
    showInvalidInputs(answers.invalid);
    const body = Object.assign({ answers: answers.values }, override);
    return api(form.dataset.previewUrl, "POST", body).then(function (result) {
      if (sequence !== assessSequence) return; // a newer assessment is on its way
      if (result.status === 200) {
        lastPreview = result.data;
        const errors = result.data.override_errors;
        overrideVerdict = { override: JSON.stringify(override), accepted: !Object.keys(errors).length };
        showOverrideErrors(errors, "The override is not saved until then.");
        renderAssessment();
        // An override judged now may be waiting to be saved (or to be declared not savable yet).
        if (!same(override, savedOverride)) scheduleSave();
      } else if (result.status === 400) {
        showServerErrors(result.data);
      }
    }, function () { /* offline: the panel keeps the last assessment */ });
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function urgencyTag(tier) {
    return element("span", "urgency-tag urgency-" + tier, vocabulary.tier_words[tier] || tier);
  }

  /* A link to an item of the form: its container's id, as the server rendered it. */
  function itemLink(code) {
    const link = element("a", "", vocabulary.items[code] || code);
    link.href = "#" + (itemsByCode[code] ? itemsByCode[code].id : "");
    return link;
  }

  function listOrNone(container, values, noneText, ordered) {
    if (!values.length) {
      container.appendChild(element("p", "muted", noneText));
      return;
    }
    const list = element(ordered ? "ol" : "ul");
    values.forEach(function (value) {
      list.appendChild(typeof value === "string" ? element("li", "", value) : value);
    });
    container.appendChild(list);
  }

  function renderBanner() {
    const banner = document.getElementById("urgency-banner");
    const tier = lastPreview.effective_urgency;
    const computedUrgency = lastPreview.assessment.urgency;
    banner.className = "banner banner-" + tier;
    banner.dataset.urgency = tier;
    banner.textContent = "";
    banner.appendChild(element("strong", "banner-words", vocabulary.urgency_banners[tier] || tier));
    if (tier !== computedUrgency) {
      banner.appendChild(element("span", "banner-note", "Clinician override. Computed: " + vocabulary.urgency_banners[computedUrgency]));
    }
  }

  function renderAssessment() {
    renderBanner();
    if (lastPreview) {
      const a = lastPreview.assessment;
      const body = document.getElementById("assessment-body");
      body.textContent = "";
      body.appendChild(element("h3", "", "Suspected conditions"));
      listOrNone(body, a.suspected_conditions.map(function (code) { return vocabulary.conditions[code] || code; }),
        "None suspected yet.");
      const conditionsList = body.querySelector("ul");
      if (conditionsList) conditionsList.className = "conditions";
      body.appendChild(element("h3", "", "Levels"));
      body.appendChild(a.levels.length ? element("p", "", a.levels.join(", ")) : element("p", "muted", "No root localised."));
      body.appendChild(element("h3", "", "Recommended tests"));
      listOrNone(body, a.recommended_tests.map(function (code) { return vocabulary.tests[code] || code; }), "None.");
      body.appendChild(element("h3", "", "Specialty"));
      body.appendChild(element("p", "", vocabulary.specialties[a.specialty] || "—"));
      if (a.cts6_score !== null && a.cts6_score !== undefined) {
        body.appendChild(element("h3", "", "CTS-6 score"));
        body.appendChild(element("p", "", a.cts6_score + " of 26"));
      }
      body.appendChild(element("h3", "", "Reasons"));
      listOrNone(body, a.reasons.map(function (reason) {
        const item = element("li");
        item.appendChild(element("span", "rule-id", reason.rule));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(urgencyTag(reason.tier));
        item.appendChild(document.createTextNode(" " + reason.text + " "));
        item.appendChild(element("span", "sources", "Sources: " + reason.source));
        return item;
      }), "No rule has fired.", true);
      const reasons = body.querySelector("ol");
      if (reasons) reasons.className = "reasons";
      body.appendChild(element("h3", "", "Still to assess"));
      listOrNone(body, a.incomplete.map(function (code) {
        const item = element("li");
        item.appendChild(itemLink(code));
        return item;
      }), "Nothing the rules need is missing.");
      const incomplete = body.lastElementChild;
      if (incomplete.tagName === "UL") incomplete.className = "incomplete";
      body.appendChild(element("p", "ruleset", "Ruleset " + a.ruleset));
    }
    renderBlockers();
  }

  /* Sign-off blockers (spec §4.7) as the server's preview lists them. */
  function renderBlockers() {
    if (!lastPreview) return; // until the first live assessment, the server-rendered list stands
    const blockers = {};
    lastPreview.sign_off_blockers.forEach(function (blocker) { blockers[blocker.code] = blocker.message; });
    items.forEach(function (item) {
      const message = blockers[item.dataset.code];
      const slot = item.querySelector("[data-blocker]");
      slot.textContent = message ? "Needed to sign: " + message : "";
      slot.hidden = !message;
      item.classList.toggle("is-blocking", Boolean(message));
    });
    const box = document.getElementById("sign-blockers");
    // A refusal from the server stands until the next change re-evaluates the blockers.
    box.className = "blockers";
    box.removeAttribute("role");
    document.getElementById("sign-refused-note").hidden = true;
    const list = document.getElementById("sign-blocker-list");
    list.textContent = "";
    Object.keys(blockers).forEach(function (code) {
      const entry = element("li");
      entry.appendChild(itemLink(code));
      entry.appendChild(document.createTextNode(": " + blockers[code]));
      list.appendChild(entry);
    });
    const blocked = Object.keys(blockers).length > 0;
    box.hidden = !blocked;
    document.getElementById("sign-ready").hidden = blocked;
  }

  // --- Events -----------------------------------------------------------------------------

  function changed(event) {
    const item = event.target.closest("[data-code]");
    if (item) showItemError(item.dataset.code, "");
    scheduleAssess();
    scheduleSave();
  }

  form.addEventListener("change", changed);
  form.addEventListener("input", function (event) {
    if (event.target.matches("textarea, input[type=number]")) changed(event);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("click", function (event) {
    const button = event.target.closest("[data-clear]");
    if (!button) return;
    const item = button.closest("[data-code]");
    item.querySelectorAll("input[type=radio]").forEach(function (input) { input.checked = false; });
    changed({ target: button });
  });

  /* Sign only what is saved: flush pending changes, then submit with the current version. */
  signForm.addEventListener("submit", function (event) {
    event.preventDefault();
    const button = document.getElementById("sign-button");
    button.disabled = true;
    // The latest change is judged first, so an override typed just now is saved with it.
    window.clearTimeout(assessTimer);
    assess().then(save).then(function (ok) {
      button.disabled = false;
      if (!ok || conflict) return;
      signVersion.value = String(version);
      signForm.submit();
    });
  });

  /* Leaving with a change still waiting for its pause: send it anyway. */
  window.addEventListener("pagehide", function () {
    if (conflict || inFlight) return;
    const changes = answerChanges();
    const override = overrideChange();
    if (!Object.keys(changes).length && !override) return;
    const body = Object.assign({ version: version, answers: changes }, override || {});
    api(form.dataset.patchUrl, "PATCH", body, { keepalive: true });
  });

  window.addEventListener("beforeunload", function (event) {
    const state = statusElement.dataset.state;
    if (state === "error" || state === "offline") {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  setStatus("saved");
})();
