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

// The SNS posts page: live length meters (counted as X counts), copy buttons, intent links.
(function () {
  "use strict";
  // X's weighted length (twitter-text v3): links 23, ASCII and Latin 1, everything else 2.
  // The server's count is exact; this follows the writer's edits closely enough to guide them.
  function weight(s) {
    var n = 0;
    for (var ch of s) {
      var c = ch.codePointAt(0);
      var light = c <= 0x10ff || (c >= 0x2000 && c <= 0x200d) ||
        (c >= 0x2010 && c <= 0x201f) || (c >= 0x2032 && c <= 0x2037);
      n += light ? 1 : 2;
    }
    return n;
  }
  function xLength(text) {
    text = text.normalize("NFC");
    var url = /https?:\/\/[!-~]+/g;
    var total = 0, last = 0, m;
    while ((m = url.exec(text)) !== null) {
      total += weight(text.slice(last, m.index)) + 23;
      last = m.index + m[0].length;
    }
    return total + weight(text.slice(last));
  }
  function update(box) {
    var area = box.querySelector("[data-text]");
    var meter = box.querySelector("[data-meter]");
    if (!area || !meter) { return; }
    if (area.getAttribute("data-text") === "x") {
      var n = xLength(area.value);
      meter.textContent = n + " / 280";
      meter.classList.toggle("teaser__meter--over", n > 280);
      var intent = box.querySelector("[data-intent]");
      if (intent) {
        intent.href = "https://x.com/intent/tweet?text=" + encodeURIComponent(area.value);
      }
    } else {
      meter.textContent = area.value.length + " / 500";
      meter.classList.toggle("teaser__meter--over", area.value.length > 500);
    }
  }
  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-teaser]");
    if (box) { update(box); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-from]");
    if (!button) { return; }
    var area = button.closest("[data-teaser]").querySelector("[data-text]");
    button.setAttribute("data-copy", area.value);
  }, true);
})();
