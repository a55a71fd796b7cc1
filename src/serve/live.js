// clinote serve: live reload. Injected into pages by the preview server only, never into
// `clinote build` output.
(function () {
  "use strict";
  var KEY = "clinote-scroll:" + location.pathname;
  // The build this page comes from: the server sends what changed after it.
  var script = document.currentScript;
  var generation = script && script.getAttribute("data-generation");

  // After a live reload, return to where the reader was (long articles!).
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved !== null) {
      sessionStorage.removeItem(KEY);
      if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
      var y = parseFloat(saved);
      var restore = function () { window.scrollTo(0, y); };
      restore();
      document.addEventListener("DOMContentLoaded", restore);
      window.addEventListener("load", restore);
    }
  } catch (e) { /* storage can be disabled */ }

  // This page's file in the output, as the server names it: "articles/x/index.html".
  function myFile() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") { p += "index.html"; }
    return p;
  }

  function reload() {
    try { sessionStorage.setItem(KEY, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  function swapStylesheets(files) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      var file = decodeURIComponent(url.pathname).replace(/^\/+/, "");
      if (files.indexOf(file) >= 0) {
        url.searchParams.set("v", String(Date.now()));
        links[i].href = url.href;
      }
    }
  }

  function showOverlay(html) {
    hideOverlay();
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var overlay = holder.firstElementChild;
    if (!overlay) { return; }
    document.body.appendChild(overlay);
    // Announced and reachable from the keyboard, without jumping the page.
    try { overlay.focus({ preventScroll: true }); } catch (e) { /* old browsers */ }
  }

  // A page served while the site has errors carries the note already (placed before this
  // script): give it the focus too.
  var present = document.getElementById("clinote-overlay");
  if (present) {
    try { present.focus({ preventScroll: true }); } catch (e) { /* old browsers */ }
  }

  // Escape closes the error note (it comes back on the next build that still has errors).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hideOverlay(); }
  });

  function hideOverlay() {
    var old = document.getElementById("clinote-overlay");
    if (old) { old.parentNode.removeChild(old); }
  }

  var delay = 300;
  var connectedBefore = false;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var since = !connectedBefore && generation ? "?since=" + encodeURIComponent(generation) : "";
    var ws = new WebSocket(scheme + location.host + "/__clinote/ws" + since);
    ws.onopen = function () {
      // The server restarted while this page was open: show what it serves now.
      if (connectedBefore) { reload(); return; }
      connectedBefore = true;
      delay = 300;
    };
    ws.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.type === "reload") {
        if (m.all || m.pages.indexOf(myFile()) >= 0) { reload(); }
      } else if (m.type === "css") {
        swapStylesheets(m.files);
      } else if (m.type === "error") {
        showOverlay(m.html);
      } else if (m.type === "ok") {
        hideOverlay();
      }
    };
    ws.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();
})();
