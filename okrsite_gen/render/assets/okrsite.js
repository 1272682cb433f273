/* okrsite: zoom buttons for large alignment maps. Shipped with the site, no network.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function enhance(wrap) {
    if (wrap.dataset.okrZoomReady) return;
    var svg = wrap.querySelector("svg");
    if (!svg) return;
    wrap.dataset.okrZoomReady = "1";
    var width = Number(svg.getAttribute("width"));
    var height = Number(svg.getAttribute("height"));
    var scale = 1;
    var bar = document.createElement("div");
    bar.className = "okr-zoom";
    [["−", 1 / 1.25], ["+", 1.25], ["fit", 0]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", spec[1] ? "zoom " + (spec[1] > 1 ? "in" : "out") : "fit to width");
      button.addEventListener("click", function () {
        scale = spec[1] ? Math.min(4, Math.max(0.1, scale * spec[1])) : wrap.clientWidth / width;
        svg.setAttribute("width", String(Math.round(width * scale)));
        svg.setAttribute("height", String(Math.round(height * scale)));
      });
      bar.appendChild(button);
    });
    wrap.parentNode.insertBefore(bar, wrap);
  }

  function run() {
    document.querySelectorAll("[data-okr-zoom]").forEach(enhance);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
