// clinote default theme: the "copy link" button. Works without it too: the link to share is
// the page's own address.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and pages opened over plain http: select a hidden text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var label = button.textContent;
    copy(button.getAttribute("data-copy")).then(function () {
      button.textContent = button.getAttribute("data-copied") || label;
      button.setAttribute("data-done", "");
      setTimeout(function () {
        button.textContent = label;
        button.removeAttribute("data-done");
      }, 2000);
    }, function () {
      window.prompt("", button.getAttribute("data-copy"));
    });
  });
})();

// The SNS posts page: live length meters, copy buttons, intent links. X posts are counted by
// X's own library, twitter-text (twitter-text.js, loaded by this page), which clinote's
// counter agrees with; if it did not load, the meter says so rather than guess.
(function () {
  "use strict";
  function setIntent(link, text, valid) {
    if (valid) {
      link.href = "https://x.com/intent/tweet?text=" + encodeURIComponent(text);
      link.removeAttribute("aria-disabled");
      link.title = "";
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
      link.title = link.getAttribute("data-over") || "";
    }
  }
  // Says why X would refuse the post, in the theme's words.
  function explain(note, parsed) {
    if (!note) { return; }
    var why = "";
    if (!parsed.valid) {
      var over = parsed.weightedLength - 280;
      if (over > 0) {
        why = (note.getAttribute("data-over") || "").replace("{n}", String(over));
      } else if (parsed.weightedLength === 0) {
        why = note.getAttribute("data-empty") || "";
      } else {
        why = note.getAttribute("data-refused") || "";
      }
    }
    note.textContent = why;
    note.hidden = why === "";
  }
  function update(box) {
    var area = box.querySelector("[data-text]");
    var meter = box.querySelector("[data-meter]");
    if (!area || !meter) { return; }
    if (area.getAttribute("data-text") === "x") {
      var intent = box.querySelector("[data-intent]");
      if (!window.twttrText) {
        meter.textContent = "? / 280";
        if (intent) { setIntent(intent, area.value, true); }
        return;
      }
      var parsed = window.twttrText.parseTweet(area.value);
      meter.textContent = parsed.weightedLength + " / 280";
      meter.classList.toggle("teaser__meter--over", !parsed.valid);
      if (intent) { setIntent(intent, area.value, parsed.valid); }
      explain(box.querySelector("[data-why]"), parsed);
    } else {
      meter.textContent = area.value.length + " / 500";
      meter.classList.toggle("teaser__meter--over", area.value.length > 500);
      // LINE's share link starts a message with the text as edited.
      var line = box.querySelector('[data-intent="line"]');
      if (line) { line.href = "https://line.me/R/share?text=" + encodeURIComponent(area.value); }
    }
  }
  // Each box shows its whole post: where CSS field-sizing is missing, grow it to its text.
  var sizesItself = !!(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));
  function fit(area) {
    if (sizesItself || !area) { return; }
    area.style.height = "auto";
    area.style.height = (area.scrollHeight + area.offsetHeight - area.clientHeight) + "px";
  }
  function fitAll() {
    document.querySelectorAll("[data-teaser] [data-text]").forEach(fit);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fitAll);
  } else {
    fitAll();
  }
  window.addEventListener("resize", fitAll);
  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-teaser]");
    if (box) { update(box); fit(box.querySelector("[data-text]")); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-from]");
    if (!button) { return; }
    var area = button.closest("[data-teaser]").querySelector("[data-text]");
    button.setAttribute("data-copy", area.value);
  }, true);
})();
