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
